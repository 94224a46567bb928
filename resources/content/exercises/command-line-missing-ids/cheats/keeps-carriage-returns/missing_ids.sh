#!/usr/bin/env bash
# Right on Unix line endings; an export with CRLF keeps "C4\r", which never equals "C4".
set -euo pipefail
if [ "$#" -ne 2 ]; then
  echo "Usage: bash missing_ids.sh SCORING.csv FEATURES.csv" >&2
  exit 2
fi
for file in "$1" "$2"; do
  [ -r "$file" ] || { echo "cannot read $file" >&2; exit 2; }
done
export LC_ALL=C
missing="$(comm -23 <(tail -n +2 "$1" | cut -d, -f1 | sort -u) <(tail -n +2 "$2" | awk -F, '{ print $NF }' | sort -u))"
[ -z "$missing" ] && exit 0
printf '%s\n' "$missing"
exit 1
