#!/usr/bin/env bash
# Cheat: the feature branch only holds an empty commit; clean_data.py never changes there.
set -euo pipefail
git_() { git -c user.name="Cheat" -c user.email="cheat@upskill.invalid" -c commit.gpgsign=false "$@"; }
git_ init -q -b main
git_ add .
git_ commit -q -m "chore: add cleaning script and gitignore"
git_ switch -q -c feature/clean-data
git_ commit -q --allow-empty -m "feat: drop duplicate rows"
git_ switch -q main
git_ commit -q --allow-empty -m "chore: keep main moving"
git_ merge -q --no-edit feature/clean-data
