#!/usr/bin/env bash
# top_errors.sh LOG.csv [N]: the N model versions (3 by default) with the most 5xx
# responses, as "COUNT VERSION" lines, most first, ties by name.
set -euo pipefail

case $# in
  1 | 2) ;;
  *)
    echo "Usage: bash top_errors.sh LOG.csv [N]" >&2
    exit 2
    ;;
esac
top=${2:-3}

# Columns 3 and 4 are model_version and status; a 5xx status is "5" and two digits.
# grep exits with 1 when no line matches: no server errors is an empty answer.
tail -n +2 "$1" \
  | cut -d , -f 3,4 \
  | { grep -E ',5[0-9]{2}$' || true; } \
  | cut -d , -f 1 \
  | LC_ALL=C sort \
  | uniq -c \
  | LC_ALL=C sort -k 1,1nr -k 2,2 \
  | head -n "$top"
