#!/usr/bin/env bash
# Merge the nightly score exports: header from the first non-empty export, then the rows.
set -eu

usage() {
  echo "Usage: $0 EXPORT_FOLDER" >&2
  exit 2
}
[ $# -eq 1 ] || usage
dir=${1%/}

[ -d "$dir" ] || { echo "error: folder '$dir' not found" >&2; exit 3; }

merged=0
for f in "$dir"/*.csv; do
  [ -s "$f" ] || continue          # also skips the unexpanded pattern when there is no .csv
  if [ "$merged" -eq 0 ]; then
    head -n 1 "$f"
  fi
  # $( ) drops the trailing newline, if there is one; printf puts exactly one back, so a
  # file whose last row has no newline does not glue it to the next file's first row.
  rows=$(tail -n +2 "$f")
  if [ -n "$rows" ]; then
    printf '%s\n' "$rows"
  fi
  merged=$((merged + 1))
done

if [ "$merged" = 0 ]; then
  echo "error: no daily exports (non-empty *.csv) in '$dir'" >&2
  exit 1
fi
