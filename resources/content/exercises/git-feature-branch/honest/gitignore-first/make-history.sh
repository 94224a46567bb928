#!/usr/bin/env bash
# Honest variant: .gitignore committed on its own first, the code second; the branch made
# with git branch + git switch, and a fast-forward merge.
set -euo pipefail

g() { git -c user.name="Honest Learner" -c user.email="learner@upskill.invalid" -c commit.gpgsign=false "$@"; }

git init -q --initial-branch=main
cat > .gitignore <<'IGNORE'
# Data lives in storage, not in git.
data/*.csv
# Virtual environments
.venv/
venv/
IGNORE
g add .gitignore
g commit -q -m "chore: ignore data files and virtual environments"
g add clean_data.py requirements.txt
g commit -q -m "feat: clean the raw customer extract"

g branch feature/clean-data
g switch -q feature/clean-data
cat >> clean_data.py <<'PY'


def drop_duplicate_rows(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Remove exact duplicate rows, keeping the first occurrence and the order."""
    first_seen = dict.fromkeys(tuple(row.items()) for row in rows)
    return [dict(items) for items in first_seen]
PY
g add -u
g commit -q -m "feat(clean): add drop_duplicate_rows"

g switch -q main
g merge -q --ff-only feature/clean-data
