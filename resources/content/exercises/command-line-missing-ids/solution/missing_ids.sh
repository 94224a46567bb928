#!/usr/bin/env bash
# Usage: bash missing_ids.sh SCORING.csv FEATURES.csv
# Prints each customer_id of SCORING.csv (its first column) that has no row in FEATURES.csv
# (its last column), once, in byte order; exits 1 when it printed any, 0 when none.
set -euo pipefail

if [ "$#" -ne 2 ]; then
  echo "Usage: bash missing_ids.sh SCORING.csv FEATURES.csv" >&2
  exit 2
fi
for file in "$1" "$2"; do
  if [ ! -r "$file" ]; then
    echo "missing_ids.sh: cannot read $file" >&2
    exit 2
  fi
done

export LC_ALL=C

# One column without the header, carriage returns dropped (a Windows export ends each line
# with \r, which would stick to the last column), one of each, sorted: what comm needs.
ids() {
  tail -n +2 "$1" | tr -d '\r' | awk -F, "{ print \$$2 }" | sort -u
}

missing="$(comm -23 <(ids "$1" 1) <(ids "$2" NF))"
if [ -n "$missing" ]; then
  printf '%s\n' "$missing"
  exit 1
fi
