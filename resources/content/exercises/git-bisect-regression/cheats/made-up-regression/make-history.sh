#!/usr/bin/env bash
set -euo pipefail
bash setup_repo.sh > /dev/null
git_() {
  git -c user.name="Upskill Validator" -c user.email="validator@upskill.invalid" \
    -c commit.gpgsign=false -c core.hooksPath=/dev/null "$@"
}

git_ switch -q -c experiment HEAD~9
sed -i "s/s >= threshold/s > threshold/" metrics.py
git_ commit -q -am "Call only customers above the threshold"
git_ tag regression
git_ switch -q main
