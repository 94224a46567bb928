#!/usr/bin/env bash
# Honest variant: checkout -b, two commits on the branch, main moves on meanwhile, and a
# --no-ff merge with git's own message.
set -euo pipefail

g() { git -c user.name="Honest Learner" -c user.email="learner@upskill.invalid" -c commit.gpgsign=false "$@"; }

g init -q
g symbolic-ref HEAD refs/heads/main
g add -A
g commit -q -m "feat: add the cleaning script"

g checkout -q -b feature/clean-data
python3 - <<'PY'
from pathlib import Path

path = Path("clean_data.py")
text = path.read_text(encoding="utf-8")
function = '''

def drop_duplicate_rows(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Rows without exact duplicates; the first of each is kept, in order."""
    unique = []
    for row in rows:
        if row not in unique:
            unique.append(row)
    return unique
'''
marker = '\n\nif __name__ == "__main__":'
path.write_text(text.replace(marker, function + marker, 1), encoding="utf-8")
PY
g commit -q -am "feat(cleaning): drop duplicate rows"
sed -i 's/^    cleaned = strip_whitespace(read_rows(Path("data\/raw.csv")))$/    cleaned = drop_duplicate_rows(strip_whitespace(read_rows(Path("data\/raw.csv"))))/' clean_data.py
g commit -q -am "feat: drop duplicates when run as a script"

g checkout -q main
printf '# Customer cleaning\n\nRun `python clean_data.py` with the extract in data/raw.csv.\n' > README.md
g add README.md
g commit -q -m "docs: how to run the cleaning"
g merge -q --no-ff --no-edit feature/clean-data
