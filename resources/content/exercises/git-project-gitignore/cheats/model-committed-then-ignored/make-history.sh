#!/usr/bin/env bash
# Cheat (over the solved project): the history starts again with the model and the .env
# committed first; then .gitignore is added and they are untracked. Ignored now, but
# every clone still carries them (and the password).
set -euo pipefail
git_() { git -c user.name="Cheat" -c user.email="cheat@upskill.invalid" -c commit.gpgsign=false -c core.hooksPath=/dev/null "$@"; }
rm -rf .git
git_ init -q -b main
git_ add -f train.py src notebooks/exploration.ipynb README.md pyproject.toml models/churn-2024-05.pkl .env
git_ commit -q -m "add everything"
git_ rm -q --cached models/churn-2024-05.pkl .env
git_ add .gitignore tests
git_ commit -q -m "chore: ignore models and secrets"
