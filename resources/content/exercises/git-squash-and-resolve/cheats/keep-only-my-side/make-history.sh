#!/usr/bin/env bash
# Cheat: squashes, then rebases with -X theirs: every conflicting hunk takes the branch's
# side, so the colleague's import and function are dropped without a conflict to resolve.
set -euo pipefail
bash setup_repo.sh > /dev/null
git_() { git -c user.name="Cheat" -c user.email="cheat@upskill.invalid" -c commit.gpgsign=false -c core.hooksPath=/dev/null "$@"; }
git_ reset -q --soft "$(git merge-base HEAD main)"
git_ commit -q -m "feat: add rolling mean of monthly charges"
git_ rebase -q -X theirs main
