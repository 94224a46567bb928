#!/usr/bin/env bash
# Usage: bash merge_exports.sh EXPORT_FOLDER > merged.csv
# Merges the daily CSV exports in EXPORT_FOLDER (the .csv files directly in it, each named
# after its day, YYYY-MM-DD first) into one CSV on standard output: one header, then the
# rows of every export, oldest day first. Empty files are skipped.
set -euo pipefail

folder="$1"

# TODO: find the exports in "$folder", in date order, skip the empty ones, print the
# header once and the rows of each; say so on stderr and exit non-zero if there are none.
echo "merge_exports.sh: not implemented yet (folder: $folder)" >&2
exit 1
