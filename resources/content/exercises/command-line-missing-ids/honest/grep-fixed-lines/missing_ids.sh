#!/bin/bash
# Customer ids to score that the feature table does not have.
set -eu

case $# in
  2) ;;
  *) echo "Usage: $0 SCORING.csv FEATURES.csv" >&2; exit 2 ;;
esac
[ -r "$1" ] || { echo "cannot read $1" >&2; exit 2; }
[ -r "$2" ] || { echo "cannot read $2" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sed 1d "$2" | sed 's/\r$//' | rev | cut -d, -f1 | rev > "$tmp/have"
sed 1d "$1" | cut -d, -f1 | sed 's/\r$//' > "$tmp/want"

# -F: fixed strings, -x: whole lines, -v: the lines that match none of them.
# grep exits 1 when it selects nothing, which is the good case here.
grep -Fxv -f "$tmp/have" "$tmp/want" | LC_ALL=C sort -u > "$tmp/missing" || true

cat "$tmp/missing"
if [ -s "$tmp/missing" ]; then
  exit 1
fi
exit 0
