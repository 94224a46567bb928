#!/usr/bin/env bash
# One awk program does the merge; the shell only checks the argument and lists the files.
set -euo pipefail
[[ $# == 1 ]] || { echo "usage: merge_exports.sh <folder with daily exports>" >&2; exit 2; }
target=$1
set -- "$target"/*.csv
if [[ ! -e $1 ]]; then
  echo "merge_exports.sh: found no .csv exports in $target" >&2
  exit 4
fi
awk -v where="$target" '
  FNR == 1 { if (seen_header) next; seen_header = 1 }
  { print }
  END {
    if (!seen_header) { print "merge_exports.sh: every export in " where " is empty" > "/dev/stderr"; exit 1 }
  }
' "$@"
