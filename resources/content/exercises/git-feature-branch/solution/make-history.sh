#!/usr/bin/env bash
# Reference solution for git-feature-branch, as the commands a learner would type.
# The curriculum validator runs this with bash in a temporary copy of the starter with the
# rest of the solution (.gitignore) laid over it; it is not copied there itself.
set -euo pipefail

git_() {
  git -c user.name="Upskill Validator" -c user.email="validator@upskill.invalid" \
    -c commit.gpgsign=false "$@"
}

git_ init -q -b main
git_ add .
git_ commit -q -m "chore: add cleaning script and gitignore"

git_ switch -q -c feature/clean-data
cat >> clean_data.py <<'PY'


def drop_duplicate_rows(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Remove exact duplicate rows, keeping the first occurrence and the order."""
    seen: set[tuple[tuple[str, str], ...]] = set()
    unique: list[dict[str, str]] = []
    for row in rows:
        key = tuple(sorted(row.items()))
        if key not in seen:
            seen.add(key)
            unique.append(row)
    return unique
PY
git_ add clean_data.py
git_ commit -q -m "feat: drop duplicate rows"

git_ switch -q main
git_ merge -q feature/clean-data
