#!/usr/bin/env bash
# Honest variant: data/ and models/ kept in the repository as empty folders, each with a
# .gitignore that ignores everything in it but itself.
set -euo pipefail

g() { git -c user.name="Honest Learner" -c user.email="learner@upskill.invalid" -c commit.gpgsign=false -c core.hooksPath=/dev/null "$@"; }

g init -q -b main
g add .gitignore data/.gitignore models/.gitignore
g commit -q -m "chore: keep data and models out of git"
g add .
g commit -q -m "feat: churn model project"

mkdir -p data/raw data/processed runs/exp-7 notebooks/.ipynb_checkpoints .venv/bin src/churn/__pycache__
printf 'customer_id,churned\nC1,Yes\n' > data/raw/customers.csv
printf 'PAR1' > data/processed/features.parquet
printf 'pickle' > models/churn-2024-05.pkl
printf 'joblib' > notebooks/model.joblib
printf 'torch' > runs/exp-7/checkpoint.pt
printf 'API_TOKEN=not-for-git\n' > .env
printf '#!/bin/sh\n' > .venv/bin/python
printf '{}' > notebooks/.ipynb_checkpoints/exploration-checkpoint.ipynb
printf 'pyc' > src/churn/__pycache__/train.cpython-311.pyc
test -z "$(git status --porcelain)"
