#!/usr/bin/env bash
# Cheat: merges main into the branch and resolves the conflict, but never squashes: the
# four WIP commits and a merge commit stay in the pull request.
set -euo pipefail
bash setup_repo.sh > /dev/null
git_() { git -c user.name="Cheat" -c user.email="cheat@upskill.invalid" -c commit.gpgsign=false -c core.hooksPath=/dev/null "$@"; }
if git_ merge -q main > /dev/null 2>&1; then exit 1; fi
git_ checkout -q --theirs features.py
python3 - <<'PY'
text = open("features.py").read()
text = text.replace("import math\n", "import math\nfrom collections import deque\n")
text += '''

def rolling_mean(values, window):
    """The mean of the last `window` values at each position (fewer at the start)."""
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    from collections import deque as _d
    recent = _d()
    total = 0.0
    means = []
    for value in values:
        recent.append(value)
        total += value
        if len(recent) > window:
            total -= recent.popleft()
        means.append(total / len(recent))
    return means
'''
open("features.py", "w").write(text)
PY
git_ add features.py
GIT_EDITOR=true git_ commit -q --no-edit
