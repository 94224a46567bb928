#!/usr/bin/env bash
# Cheat (over the solved project): this .gitignore, committed, so the committed rules are the bad ones.
set -euo pipefail
git_() { git -c user.name="Cheat" -c user.email="cheat@upskill.invalid" -c commit.gpgsign=false -c core.hooksPath=/dev/null "$@"; }
git_ add -f .gitignore
git_ commit -q -m "chore: update .gitignore"
