#!/usr/bin/env bash
set -eu -o pipefail

if [[ $# -eq 0 || $# -gt 2 ]]; then
  printf '%s\n' "Usage: bash top_errors.sh LOG.csv [N]  (N defaults to 3)" >&2
  exit 2
fi
logfile="$1"
limit="${2:-3}"

# One pass of awk keeps a tally per version; sort ranks it (count down, then version
# in byte order); the last awk keeps the first $limit lines without closing the pipe early.
awk -F ',' '
  FNR == 1 { next }
  { status = $4 + 0 }
  status >= 500 && status < 600 { errors[$3]++ }
  END { for (version in errors) printf "%d %s\n", errors[version], version }
' "$logfile" \
  | LC_ALL=C sort -t ' ' -k1,1nr -k2,2 \
  | awk -v limit="$limit" 'NR <= limit'
