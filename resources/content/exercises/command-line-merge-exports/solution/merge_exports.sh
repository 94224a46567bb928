#!/usr/bin/env bash
# Usage: bash merge_exports.sh EXPORT_FOLDER > merged.csv
# Merges the daily CSV exports in EXPORT_FOLDER (the .csv files directly in it, each named
# after its day, YYYY-MM-DD first) into one CSV on standard output: one header, then the
# rows of every export, oldest day first. Empty files are skipped.
set -euo pipefail

if [ "$#" -ne 1 ]; then
  echo "Usage: bash merge_exports.sh EXPORT_FOLDER > merged.csv" >&2
  exit 2
fi

folder="$1"
if [ ! -d "$folder" ]; then
  echo "merge_exports.sh: $folder is not a folder" >&2
  exit 1
fi

# Byte order for the glob: the names start with YYYY-MM-DD, so name order is date order.
export LC_ALL=C
# A pattern that matches nothing expands to nothing, not to itself.
shopt -s nullglob

exports=()
for file in "$folder"/*.csv; do
  # -s: exists and is not empty (an export job that crashed leaves a 0-byte file).
  if [ -f "$file" ] && [ -s "$file" ]; then
    exports+=("$file")
  fi
done

if [ "${#exports[@]}" -eq 0 ]; then
  echo "merge_exports.sh: no exports in $folder (no non-empty .csv file)" >&2
  exit 1
fi

# awk reads the files in order; FNR restarts at 1 in each file, NR does not: the first
# file's header is kept, every other header skipped. print ends each row with a newline,
# also the last row of a file that had none.
awk 'FNR == 1 && NR > 1 { next } { print }' "${exports[@]}"
