#!/usr/bin/env bash
# Honest variant: the code committed first (nothing that should be ignored exists yet),
# the .gitignore in a second commit, written with ** globs.
set -euo pipefail

g() { git -c user.name="Honest Learner" -c user.email="learner@upskill.invalid" -c commit.gpgsign=false -c core.hooksPath=/dev/null "$@"; }

git init -q
git symbolic-ref HEAD refs/heads/main
g add README.md pyproject.toml train.py src tests notebooks
g commit -q -m "feat: churn model project skeleton"
g add .gitignore
g commit -q -m "chore: ignore data, models, secrets and caches"

mkdir -p data/raw data/processed models runs/exp-7 notebooks/.ipynb_checkpoints .venv/lib src/churn/__pycache__
printf 'customer_id,churned\nC1,Yes\n' > data/raw/customers.csv
printf 'PAR1' > data/processed/features.parquet
printf 'pickle' > models/churn-2024-05.pkl
printf 'joblib' > notebooks/model.joblib
printf 'torch' > runs/exp-7/checkpoint.pt
printf 'DB_PASSWORD=not-for-git\n' > .env
printf 'x' > .venv/lib/site.py
printf '{}' > notebooks/.ipynb_checkpoints/exploration-checkpoint.ipynb
printf 'pyc' > src/churn/__pycache__/loaders.cpython-311.pyc
test -z "$(git status --porcelain)"
