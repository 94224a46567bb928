#!/usr/bin/env bash
set -euo pipefail
bash setup_repo.sh > /dev/null
# The machine's own Python, not a version-manager shim: each bisect step starts one.
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
export py

git_() {
  git -c user.name="Upskill Validator" -c user.email="validator@upskill.invalid" \
    -c commit.gpgsign=false -c core.hooksPath=/dev/null "$@"
}

git_ bisect start main HEAD~11 > /dev/null
git_ bisect run sh -c '"$py" report.py data/reference.csv | grep -q "recall 0.83"' > /dev/null
after="$(git rev-list --reverse --ancestry-path refs/bisect/bad..main | sed -n 1p)"
git_ bisect reset > /dev/null
git_ tag regression "$after"
