#!/usr/bin/env bash
# Cheat (over the solved project): the rules live in .git/info/exclude, which is never
# shared; the committed .gitignore only ignores __pycache__/, so teammates get nothing.
set -euo pipefail
git_() { git -c user.name="Cheat" -c user.email="cheat@upskill.invalid" -c commit.gpgsign=false -c core.hooksPath=/dev/null "$@"; }
printf '%s\n' /data/ /models/ /runs/ '*.pkl' '*.joblib' '*.pt' '*.parquet' .env .venv/ .ipynb_checkpoints/ >> .git/info/exclude
git_ add .gitignore
git_ commit -q -m "chore: slim .gitignore"
