#!/usr/bin/env bash
# Reference solution for git-squash-and-resolve, as the commands a learner would type.
# The curriculum validator runs this with bash in a temporary copy of the starter (it is
# not copied there itself).
set -euo pipefail

bash setup_repo.sh > /dev/null

git_() {
  git -c user.name="Upskill Validator" -c user.email="validator@upskill.invalid" \
    -c commit.gpgsign=false -c core.hooksPath=/dev/null "$@"
}

# 1. Squash the four work-in-progress commits into one, where they are: move the branch
#    back to where it left main, keeping the files as they are now, and commit once.
git_ reset -q --soft "$(git merge-base HEAD main)"
git_ commit -q -m "feat: add rolling mean of monthly charges"

# 2. Replay that one commit on top of today's main: features.py conflicts (both sides
#    added an import and a function at the same places).
if git_ rebase main > /dev/null 2>&1; then
  echo "expected a conflict in features.py" >&2
  exit 1
fi

# 3. Resolve by keeping both sides: both imports, both functions.
cat > features.py <<'PY'
"""Feature engineering for the churn model."""

import math
from collections import deque
from collections.abc import Sequence


def tenure_bucket(months: int) -> str:
    """'new' below 6 months, 'regular' below 24, 'loyal' from 24 months on."""
    if months < 6:
        return "new"
    if months < 24:
        return "regular"
    return "loyal"


def charges_per_month(total_charges: float, months: int) -> float:
    """Average monthly charge; a customer in their first month counts as one month."""
    return total_charges / max(months, 1)


def share_of_late_payments(payment_delays: Sequence[int]) -> float:
    """The share of payments made more than 5 days late (0.0 with no payments)."""
    if not payment_delays:
        return 0.0
    return sum(1 for d in payment_delays if d > 5) / len(payment_delays)


def support_call_rate(calls: int, months: int) -> float:
    """Support calls per month on a log scale: log(1 + calls / months), months at least 1."""
    return math.log1p(calls / max(months, 1))


def rolling_mean(values: Sequence[float], window: int) -> list[float]:
    """The mean of the last `window` values at each position (fewer at the start).

    Raises ValueError when window < 1.
    """
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    recent: deque[float] = deque()
    total = 0.0
    means: list[float] = []
    for value in values:
        recent.append(value)
        total += value
        if len(recent) > window:
            total -= recent.popleft()
        means.append(total / len(recent))
    return means
PY
git_ add features.py
GIT_EDITOR=true git_ rebase --continue > /dev/null
