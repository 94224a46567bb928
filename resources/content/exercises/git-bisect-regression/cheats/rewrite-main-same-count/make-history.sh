#!/usr/bin/env bash
set -euo pipefail
bash setup_repo.sh > /dev/null
git_() {
  git -c user.name="Upskill Validator" -c user.email="validator@upskill.invalid" \
    -c commit.gpgsign=false -c core.hooksPath=/dev/null "$@"
}
# main rewritten with the same number of commits: the last two replaced by a fix that
# carries their changes and a commit that breaks recall again, which is tagged.
git_ reset -q --hard HEAD~2
git_ checkout -q ORIG_HEAD -- README.md report.py
sed -i "s/return score > threshold/return score >= threshold/" metrics.py
git_ commit -q -am "Fix: call customers at the threshold too"
sed -i "s/return score >= threshold/return score > threshold/" metrics.py
git_ commit -q -am "Only above the threshold"
git_ tag regression
