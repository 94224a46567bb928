#!/usr/bin/env bash
# Usage: bash top_errors.sh LOG.csv [N]
# Prints the N model versions (default 3) with the most server errors (HTTP status
# 500-599) in LOG.csv, one "COUNT VERSION" line each, most errors first.
# LOG.csv columns: timestamp,endpoint,model_version,status,latency_ms
set -euo pipefail

if [ "$#" -lt 1 ] || [ "$#" -gt 2 ]; then
  echo "Usage: bash top_errors.sh LOG.csv [N]" >&2
  echo "(a shell pipeline: needs no python, perl or node on the server)" >&2
  exit 2
fi

log="$1"
n="${2:-3}"

# Byte order for sort, so ties come out the same on every machine.
export LC_ALL=C

# awk: skip the header (NR > 1), keep status 500-599 (column 4), print the version
# (column 3); it also reads a last line that has no final newline. No grep here: grep
# exits with 1 when nothing matches, which set -o pipefail would turn into a failure.
awk -F, 'NR > 1 && $4 >= 500 && $4 <= 599 { print $3 }' "$log" \
  | sort \
  | uniq -c \
  | sort -k1,1nr -k2,2 \
  | awk -v n="$n" 'NR <= n'
