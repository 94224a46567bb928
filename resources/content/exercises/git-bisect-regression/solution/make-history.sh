#!/usr/bin/env bash
# Reference solution for git-bisect-regression, as the commands a learner would type. The
# curriculum validator runs this with bash in a temporary copy of the starter.
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

# The report said recall 0.83 in the first weeks; today it says 0.50. Bad: main. Good: the
# commit that added the report.
first_report="$(git log --format=%H --diff-filter=A -- report.py)"
git_ bisect start main "$first_report" > /dev/null

# git bisect run: exit 0 is good, 1 to 127 (but 125) is bad. The report is the test.
git_ bisect run sh -c '"$py" report.py data/reference.csv | grep -q "recall 0.83"' > /dev/null

# bisect names the first bad commit in refs/bisect/bad; tag it before ending the session.
git_ tag regression refs/bisect/bad
git_ bisect reset > /dev/null
