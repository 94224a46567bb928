#!/usr/bin/env bash
# Creates the practice repository for this exercise. Run it once, first, in this folder:
#
#     bash setup_repo.sh
#
# It makes a repository whose main branch holds twelve commits of a churn model's evaluation
# code, and leaves you on main. Somewhere in those commits recall went wrong. Read the
# exercise's instructions for what to do next.
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

# commit AUTHOR EMAIL DATE MESSAGE: commits everything with a fixed author and date,
# without your hooks or commit signing getting in the way. The committer date is now, so
# your repository's commit ids are your own.
commit() {
  git add -A
  GIT_AUTHOR_NAME="$1" GIT_AUTHOR_EMAIL="$2" GIT_AUTHOR_DATE="$3" \
    GIT_COMMITTER_NAME="$1" GIT_COMMITTER_EMAIL="$2" \
    git -c commit.gpgsign=false -c core.hooksPath=/dev/null commit -q -m "$4"
}
PRIYA=(Priya priya@example.com)
TOM=(Tom tom@example.com)

git init -q
git symbolic-ref HEAD refs/heads/main
# The exercise's own file stays out of the project's history.
printf '%s\n' setup_repo.sh >> .git/info/exclude

# ---- 1 ----------------------------------------------------------------------------------
cat > .gitignore <<'EOF_UPSKILL'
__pycache__/
.pytest_cache/
.venv/
EOF_UPSKILL
cat > metrics.py <<'EOF_UPSKILL'
"""Evaluation metrics for the churn model."""


def flagged(scores, threshold):
    """Indexes of the customers the campaign calls: a score at or above the threshold."""
    return [i for i, s in enumerate(scores) if s >= threshold]


def recall(labels, scores, threshold):
    """The share of churners (label 1) that are flagged; 0.0 without churners."""
    churners = [i for i, y in enumerate(labels) if y == 1]
    if not churners:
        return 0.0
    hits = set(flagged(scores, threshold))
    return sum(1 for i in churners if i in hits) / len(churners)


def precision(labels, scores, threshold):
    """The share of flagged customers who churn; 0.0 when nobody is flagged."""
    picked = flagged(scores, threshold)
    if not picked:
        return 0.0
    return sum(labels[i] for i in picked) / len(picked)
EOF_UPSKILL
cat > test_metrics.py <<'EOF_UPSKILL'
from metrics import precision, recall


def test_recall_counts_flagged_churners():
    assert recall([1, 1, 0, 0], [0.9, 0.2, 0.8, 0.1], 0.5) == 0.5


def test_precision_of_nobody_flagged_is_zero():
    assert precision([1, 0], [0.1, 0.2], 0.5) == 0.0
EOF_UPSKILL
commit "${PRIYA[@]}" "2026-02-02T10:12:00" "Add recall and precision for the churn model"

# ---- 2 ----------------------------------------------------------------------------------
mkdir -p data
cat > data/reference.csv <<'EOF_UPSKILL'
customer,churned,score
C101,1,0.91
C102,0,0.12
C103,1,0.50
C104,0,0.50
C105,1,0.77
C106,0,0.33
C107,1,0.50
C108,0,0.64
C109,1,0.58
C110,0,0.08
C111,1,0.29
C112,0,0.45
EOF_UPSKILL
cat > report.py <<'EOF_UPSKILL'
"""The weekly report: precision and recall on the reference customers."""

import csv
import sys

from metrics import precision, recall

with open(sys.argv[1], newline="") as f:
    rows = list(csv.DictReader(f))
labels = [int(r["churned"]) for r in rows]
scores = [float(r["score"]) for r in rows]
print(f"precision {precision(labels, scores, 0.5):.2f}")
print(f"recall {recall(labels, scores, 0.5):.2f}")
EOF_UPSKILL
commit "${TOM[@]}" "2026-02-04T16:40:00" "Add the weekly report script"

# ---- 3 ----------------------------------------------------------------------------------
cat > README.md <<'EOF_UPSKILL'
# churn-metrics

Evaluation code of the churn model.

    python report.py data/reference.csv   # the weekly report
    python -m pytest -q                   # the tests
EOF_UPSKILL
commit "${TOM[@]}" "2026-02-05T09:03:00" "README: how to run the weekly report"

# ---- 4 ----------------------------------------------------------------------------------
cat >> metrics.py <<'EOF_UPSKILL'


def f1(labels, scores, threshold):
    """The harmonic mean of precision and recall; 0.0 when both are 0."""
    p = precision(labels, scores, threshold)
    r = recall(labels, scores, threshold)
    return 2 * p * r / (p + r) if p + r else 0.0
EOF_UPSKILL
commit "${PRIYA[@]}" "2026-02-09T11:20:00" "Add the F1 score"

# ---- 5 ----------------------------------------------------------------------------------
cat >> test_metrics.py <<'EOF_UPSKILL'


def test_f1_of_a_perfect_model_is_one():
    from metrics import f1

    assert f1([1, 0], [0.9, 0.1], 0.5) == 1.0
EOF_UPSKILL
commit "${PRIYA[@]}" "2026-02-09T11:41:00" "Test F1 on a perfect model"

# ---- 6 ----------------------------------------------------------------------------------
sed -i 's/^print(f"precision {precision(labels, scores, 0.5):.2f}")$/print(f"threshold 0.50: precision {precision(labels, scores, 0.5):.2f}")/; s/^print(f"recall {recall(labels, scores, 0.5):.2f}")$/print(f"threshold 0.50: recall {recall(labels, scores, 0.5):.2f}")/' report.py
commit "${TOM[@]}" "2026-02-11T14:05:00" "Report: say which threshold the figures are for"

# ---- 7 ----------------------------------------------------------------------------------
cat >> README.md <<'EOF_UPSKILL'

## The threshold

The campaign calls every customer whose score is at or above 0.5: the retention team can
call that many, and below it precision drops under 0.5.
EOF_UPSKILL
commit "${TOM[@]}" "2026-02-12T10:30:00" "Docs: why the threshold is 0.5"

# ---- 8 ----------------------------------------------------------------------------------
cat > metrics.py <<'EOF_UPSKILL'
"""Evaluation metrics for the churn model."""


def _selected(score, threshold):
    """Whether the campaign calls a customer with this score."""
    return score > threshold


def flagged(scores, threshold):
    """Indexes of the customers the campaign calls: a score at or above the threshold."""
    return [i for i, s in enumerate(scores) if _selected(s, threshold)]


def recall(labels, scores, threshold):
    """The share of churners (label 1) that are flagged; 0.0 without churners."""
    churners = [i for i, y in enumerate(labels) if y == 1]
    if not churners:
        return 0.0
    hits = set(flagged(scores, threshold))
    return sum(1 for i in churners if i in hits) / len(churners)


def precision(labels, scores, threshold):
    """The share of flagged customers who churn; 0.0 when nobody is flagged."""
    picked = flagged(scores, threshold)
    if not picked:
        return 0.0
    return sum(labels[i] for i in picked) / len(picked)


def f1(labels, scores, threshold):
    """The harmonic mean of precision and recall; 0.0 when both are 0."""
    p = precision(labels, scores, threshold)
    r = recall(labels, scores, threshold)
    return 2 * p * r / (p + r) if p + r else 0.0
EOF_UPSKILL
commit "${PRIYA[@]}" "2026-02-16T15:52:00" "Refactor: one helper decides who the campaign calls"

# ---- 9 ----------------------------------------------------------------------------------
cat >> metrics.py <<'EOF_UPSKILL'


def precision_at_k(labels, scores, k):
    """The share of churners among the k highest scores (the call list's size)."""
    top = sorted(range(len(scores)), key=lambda i: scores[i], reverse=True)[:k]
    return sum(labels[i] for i in top) / len(top) if top else 0.0
EOF_UPSKILL
commit "${TOM[@]}" "2026-02-18T09:14:00" "Add precision at k for the call list"

# ---- 10 ---------------------------------------------------------------------------------
cat >> test_metrics.py <<'EOF_UPSKILL'


def test_precision_at_k_takes_the_highest_scores():
    from metrics import precision_at_k

    assert precision_at_k([0, 1, 1], [0.2, 0.9, 0.8], 2) == 1.0
EOF_UPSKILL
commit "${TOM[@]}" "2026-02-18T09:30:00" "Test precision at k"

# ---- 11 ---------------------------------------------------------------------------------
cat >> README.md <<'EOF_UPSKILL'

The model card (data, owners, known limits) is on the team wiki under "churn-model".
EOF_UPSKILL
commit "${PRIYA[@]}" "2026-02-23T17:01:00" "README: link the model card"

# ---- 12 ---------------------------------------------------------------------------------
cat > report.py <<'EOF_UPSKILL'
"""The weekly report: precision and recall on the reference customers."""

import argparse
import csv

from metrics import f1, precision, recall

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("csv")
parser.add_argument("--threshold", type=float, default=0.5)
args = parser.parse_args()
with open(args.csv, newline="") as f:
    rows = list(csv.DictReader(f))
labels = [int(r["churned"]) for r in rows]
scores = [float(r["score"]) for r in rows]
t = args.threshold
print(f"threshold {t:.2f}: precision {precision(labels, scores, t):.2f}")
print(f"threshold {t:.2f}: recall {recall(labels, scores, t):.2f}")
print(f"threshold {t:.2f}: F1 {f1(labels, scores, t):.2f}")
EOF_UPSKILL
commit "${TOM[@]}" "2026-02-25T12:45:00" "Report: --threshold, and the F1 score"

echo "Made the practice repository: 12 commits on main. Start with: git log --oneline"
