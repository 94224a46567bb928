#!/usr/bin/env bash
# Reference solution for git-project-gitignore: a small project whose .gitignore was
# committed before any data or model existed. The curriculum validator runs this with
# bash in a temporary copy of this folder (it is not copied there itself).
set -euo pipefail

git_() {
  git -c user.name="Upskill Validator" -c user.email="validator@upskill.invalid" \
    -c commit.gpgsign=false -c core.hooksPath=/dev/null "$@"
}

git_ init -q -b main
git_ add -A
git_ commit -q -m "chore: start the churn model project with a .gitignore"

# Then the work produces data, models and secrets: all of it ignored.
mkdir -p data/raw data/processed models runs/exp-7 notebooks/.ipynb_checkpoints .venv/bin src/churn/__pycache__
printf 'customer_id,tenure_months,churned\nC1,3,Yes\n' > data/raw/customers.csv
printf 'PAR1' > data/processed/features.parquet
printf 'pickle' > models/churn-2024-05.pkl
printf 'joblib' > notebooks/model.joblib
printf 'torch' > runs/exp-7/checkpoint.pt
printf 'WAREHOUSE_PASSWORD=hunter2\n' > .env
printf '#!/bin/sh\n' > .venv/bin/python
printf '{}' > notebooks/.ipynb_checkpoints/exploration-checkpoint.ipynb
printf 'pyc' > src/churn/__pycache__/loaders.cpython-311.pyc

if [ -n "$(git status --porcelain)" ]; then
  echo "something that should be ignored is not:" >&2
  git status --porcelain >&2
  exit 1
fi
