#!/usr/bin/env bash
# Cheat: raw data committed before .gitignore, then untracked; the history still holds it.
set -euo pipefail
git_() { git -c user.name="Cheat" -c user.email="cheat@upskill.invalid" -c commit.gpgsign=false "$@"; }
git_ init -q -b main
git_ add -f clean_data.py requirements.txt data/raw.csv
git_ commit -q -m "chore: add everything"
git_ rm -q --cached data/raw.csv
git_ add .gitignore
git_ commit -q -m "chore: ignore raw data"
git_ switch -q -c feature/clean-data
printf '\n\ndef drop_duplicate_rows(rows: list[dict[str, str]]) -> list[dict[str, str]]:\n    """Remove exact duplicates."""\n    return list({tuple(sorted(r.items())): r for r in rows}.values())\n' >> clean_data.py
git_ add clean_data.py
git_ commit -q -m "feat: drop duplicate rows"
git_ switch -q main
git_ merge -q feature/clean-data
