#!/usr/bin/env bash
# Cheat: "squashes" with git reset --soft main: one commit on top of main, but its files
# are the old branch's, so the colleague's support_call_rate is silently undone.
set -euo pipefail
bash setup_repo.sh > /dev/null
git_() { git -c user.name="Cheat" -c user.email="cheat@upskill.invalid" -c commit.gpgsign=false -c core.hooksPath=/dev/null "$@"; }
git_ reset -q --soft main
git_ commit -q -m "feat: add rolling mean of monthly charges"
