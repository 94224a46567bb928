#!/usr/bin/env bash
# Creates the practice repository for this exercise. Run it once, first, in this folder:
#
#     bash setup_repo.sh
#
# It makes a repository with a main branch (where two colleagues kept working) and your
# branch feature/rolling-mean (four work-in-progress commits), then leaves you on your
# branch. Read the exercise's instructions for what to do next.
set -euo pipefail
cd "$(dirname "$0")"

if [ -e .git ]; then
  echo "This folder already holds a git repository (.git), so setup_repo.sh left it alone." >&2
  echo "To start again from scratch: rm -rf .git   (then: bash setup_repo.sh)" >&2
  exit 1
fi
if ! command -v git > /dev/null; then
  echo "git is not installed or not on PATH." >&2
  exit 1
fi

# Your own name on "your" commits, if git knows it; the colleagues have theirs.
me_name="$(git config user.name || true)"
me_email="$(git config user.email || true)"
me_name="${me_name:-You}"
me_email="${me_email:-you@example.com}"

# commit AUTHOR EMAIL DATE MESSAGE: commits everything staged with a fixed author and
# date, without your hooks or commit signing getting in the way.
commit() {
  GIT_AUTHOR_NAME="$1" GIT_AUTHOR_EMAIL="$2" GIT_AUTHOR_DATE="$3" \
    GIT_COMMITTER_NAME="$1" GIT_COMMITTER_EMAIL="$2" GIT_COMMITTER_DATE="$3" \
    git -c commit.gpgsign=false -c core.hooksPath=/dev/null commit -q -m "$4"
}

git init -q
git symbolic-ref HEAD refs/heads/main
# The exercise's own files stay out of the project's history.
printf '%s\n' setup_repo.sh test_after_rebase.py >> .git/info/exclude

# ---- main: the feature module as it is today ----------------------------------------
cat > .gitignore <<'EOF_UPSKILL'
__pycache__/
.pytest_cache/
.venv/
data/
EOF_UPSKILL
cat > README.md <<'EOF_UPSKILL'
# churn-features

Feature engineering for the churn model.
EOF_UPSKILL
cat > features.py <<'EOF_UPSKILL'
"""Feature engineering for the churn model."""

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
EOF_UPSKILL
cat > test_features.py <<'EOF_UPSKILL'
from features import charges_per_month, share_of_late_payments, tenure_bucket


def test_tenure_bucket() -> None:
    assert [tenure_bucket(m) for m in (0, 5, 6, 23, 24)] == ["new", "new", "regular", "regular", "loyal"]


def test_charges_per_month() -> None:
    assert charges_per_month(120.0, 4) == 30.0
    assert charges_per_month(40.0, 0) == 40.0


def test_share_of_late_payments() -> None:
    assert share_of_late_payments([0, 3, 6, 12]) == 0.5
    assert share_of_late_payments([]) == 0.0
EOF_UPSKILL
git add .gitignore README.md features.py test_features.py
commit "Priya Raman" "priya@churn-team.example" "2024-05-06T09:12:00+02:00" "chore: start the churn feature module"

# ---- your branch: four commits of work in progress ------------------------------------
git switch -q -c feature/rolling-mean
cat > features.py <<'EOF_UPSKILL'
"""Feature engineering for the churn model."""

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


def rolling_mean(values: Sequence[float], window: int) -> list[float]:
    """The mean of the last `window` values at each postion (fewer at the start)."""
    recent: deque[float] = deque()
    total = 0.0
    means: list[float] = []
    for value in values:
        recent.append(value)
        total += value
        if len(recent) > window:
            total -= recent.popleft()
        means.append(total / window)
    return means
EOF_UPSKILL
git add features.py
commit "$me_name" "$me_email" "2024-05-07T10:02:00+02:00" "wip rolling mean"

cat > test_rolling.py <<'EOF_UPSKILL'
import pytest

from features import rolling_mean


def test_rolling_mean() -> None:
    assert rolling_mean([10.0, 20.0, 30.0, 40.0], 2) == [10.0, 15.0, 25.0, 35.0]


def test_window_longer_than_the_series() -> None:
    assert rolling_mean([3.0, 5.0], 10) == [3.0, 4.0]


def test_bad_window() -> None:
    with pytest.raises(ValueError):
        rolling_mean([1.0], 0)
EOF_UPSKILL
git add test_rolling.py
commit "$me_name" "$me_email" "2024-05-07T11:40:00+02:00" "tests"

cat > features.py <<'EOF_UPSKILL'
"""Feature engineering for the churn model."""

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


def rolling_mean(values: Sequence[float], window: int) -> list[float]:
    """The mean of the last `window` values at each postion (fewer at the start).

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
EOF_UPSKILL
git add features.py
commit "$me_name" "$me_email" "2024-05-07T15:18:00+02:00" "fix start of series"

cat > features.py <<'EOF_UPSKILL'
"""Feature engineering for the churn model."""

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
EOF_UPSKILL
git add features.py
commit "$me_name" "$me_email" "2024-05-07T15:25:00+02:00" "typo"

# ---- main moved on while you worked ---------------------------------------------------
git switch -q main
cat > features.py <<'EOF_UPSKILL'
"""Feature engineering for the churn model."""

import math
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
EOF_UPSKILL
cat > test_features.py <<'EOF_UPSKILL'
import math

from features import charges_per_month, share_of_late_payments, support_call_rate, tenure_bucket


def test_tenure_bucket() -> None:
    assert [tenure_bucket(m) for m in (0, 5, 6, 23, 24)] == ["new", "new", "regular", "regular", "loyal"]


def test_charges_per_month() -> None:
    assert charges_per_month(120.0, 4) == 30.0
    assert charges_per_month(40.0, 0) == 40.0


def test_share_of_late_payments() -> None:
    assert share_of_late_payments([0, 3, 6, 12]) == 0.5
    assert share_of_late_payments([]) == 0.0


def test_support_call_rate() -> None:
    assert support_call_rate(0, 12) == 0.0
    assert math.isclose(support_call_rate(6, 3), math.log(3.0))
    assert support_call_rate(2, 0) == support_call_rate(2, 1)
EOF_UPSKILL
git add features.py test_features.py
commit "Priya Raman" "priya@churn-team.example" "2024-05-08T09:47:00+02:00" "feat: add support-call rate feature"

cat > README.md <<'EOF_UPSKILL'
# churn-features

Feature engineering for the churn model.

| Feature | Meaning |
|---|---|
| `tenure_bucket` | new, regular or loyal customer |
| `charges_per_month` | average monthly charge |
| `share_of_late_payments` | share of payments over 5 days late |
| `support_call_rate` | support calls per month, log scale |
EOF_UPSKILL
git add README.md
commit "Sam Okafor" "sam@churn-team.example" "2024-05-08T14:05:00+02:00" "docs: describe the feature columns"

git switch -q feature/rolling-mean
echo "Practice repository ready: you are on feature/rolling-mean, with 4 commits of your own; main has moved on."
echo "Look around with: git log --oneline --graph --all"
