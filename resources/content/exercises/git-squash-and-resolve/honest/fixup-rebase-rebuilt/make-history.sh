#!/usr/bin/env bash
# Honest variant: an interactive rebase (its todo list edited by a script) folds the last
# three commits into the first as fixups; the message is then reworded with --amend; the
# rebase onto main conflicts and features.py is rebuilt from main's version plus the
# rolling mean, not from the conflict markers.
set -euo pipefail

bash setup_repo.sh > /dev/null

g() { git -c user.name="Honest Learner" -c user.email="learner@upskill.invalid" -c commit.gpgsign=false -c core.hooksPath=/dev/null "$@"; }

GIT_SEQUENCE_EDITOR="sed -i -e '2,\$s/^pick /fixup /'" g rebase -q -i "$(git merge-base HEAD main)"
g commit -q --amend -m "feat: add a rolling mean of monthly charges" -m "The mean of the last N values at each position, fewer at the start of a series."
mine=$(git rev-parse HEAD)

if g rebase main > /dev/null 2>&1; then
  echo "expected a conflict in features.py" >&2
  exit 1
fi
git show main:features.py > features.py
git show "$mine:features.py" > /tmp/mine-features-$$.py
python3 - /tmp/mine-features-$$.py <<'PY'
import sys
from pathlib import Path

mine = Path(sys.argv[1]).read_text(encoding="utf-8")
ours = Path("features.py").read_text(encoding="utf-8")
ours = ours.replace("import math\n", "import math\nfrom collections import deque\n", 1)
rolling = mine[mine.index("def rolling_mean(") :]
Path("features.py").write_text(ours.rstrip("\n") + "\n\n\n" + rolling, encoding="utf-8")
PY
rm -f /tmp/mine-features-$$.py
g add features.py
GIT_EDITOR=true g rebase --continue > /dev/null
