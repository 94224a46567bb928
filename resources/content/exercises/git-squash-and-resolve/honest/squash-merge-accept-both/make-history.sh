#!/usr/bin/env bash
# Honest variant: a fresh branch from main takes the work with git merge --squash; the
# conflict is resolved as "Accept Both Changes" does (the markers deleted), then the
# feature branch is moved to that one commit.
set -euo pipefail

bash setup_repo.sh > /dev/null

g() { git -c user.name="Honest Learner" -c user.email="learner@upskill.invalid" -c commit.gpgsign=false -c core.hooksPath=/dev/null "$@"; }

g switch -q -c rolling-mean-squashed main
if g merge --squash feature/rolling-mean > /dev/null 2>&1; then
  echo "expected a conflict in features.py" >&2
  exit 1
fi
# Both sides kept; two blank lines where a function follows the other side's function.
awk '
  /^<<<<<<< / || /^>>>>>>> / { next }
  /^=======$/ { between = 1; next }
  between && /^def / { print ""; print "" }
  { between = 0; print }
' features.py > features.py.resolved
mv features.py.resolved features.py
g add features.py
g commit -q -m "feat(features): rolling mean over a window of months"

g switch -q feature/rolling-mean
g reset -q --hard rolling-mean-squashed
g branch -q -D rolling-mean-squashed
