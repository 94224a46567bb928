#!/usr/bin/env bash
# count_rows.sh FILE: the number of CSV rows after the header line.
set -o errexit -o nounset -o pipefail

if (($# != 1)); then
  echo "Usage: count_rows.sh FILE.csv" >&2
  exit 2
fi
csv=$1

# wc -l counts newline characters; a last line without one is a line too.
newlines=$(wc -l <"$csv")
if [ -s "$csv" ] && [ "$(tail -c 1 "$csv" | od -An -c | tr -d ' ')" != '\n' ]; then
  newlines=$((newlines + 1))
fi
echo $((newlines - 1))
