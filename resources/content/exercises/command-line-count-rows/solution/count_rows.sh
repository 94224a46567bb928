#!/usr/bin/env bash
# Usage: bash count_rows.sh FILE.csv
# Prints the number of data rows in FILE.csv: every line except the header.
set -euo pipefail

if [ "$#" -ne 1 ]; then
  echo "Usage: bash count_rows.sh FILE.csv" >&2
  exit 2
fi

file="$1"

# awk counts records, so a last line without a final newline still counts
# (`tail -n +2 "$file" | wc -l` would miss it: wc -l counts newline characters).
awk 'END { print NR - 1 }' "$file"
