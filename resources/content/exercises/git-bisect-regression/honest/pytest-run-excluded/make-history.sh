#!/usr/bin/env bash
set -euo pipefail
bash setup_repo.sh > /dev/null
# The machine's own Python, not a version-manager shim: each bisect step starts one.
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3

git_() {
  git -c user.name="Upskill Validator" -c user.email="validator@upskill.invalid" \
    -c commit.gpgsign=false -c core.hooksPath=/dev/null "$@"
}

# A pytest test of its own, kept out of git, as the bisect run command.
echo "test_boundary.py" >> .git/info/exclude
cat > test_boundary.py <<'PY'
from metrics import recall


def test_a_churner_exactly_at_the_threshold_is_called():
    assert recall([1, 0], [0.5, 0.1], 0.5) == 1.0
PY
git_ bisect start main HEAD~11 > /dev/null
out="$(git_ bisect run "$py" -m pytest -q -p no:cacheprovider test_boundary.py)"
culprit="$(printf "%s\n" "$out" | grep "is the first bad commit" | cut -d" " -f1)"
git_ bisect reset > /dev/null
git_ tag regression "$culprit"
