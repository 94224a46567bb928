#!/usr/bin/env bash
set -eu

usage() {
  printf 'Usage: bash %s FILE.csv\nPrints the number of data rows (lines after the header).\n' "$(basename "$0")" >&2
  exit 2
}

[[ $# == 1 ]] || usage

rows=-1 # the header is read too
# `|| [[ -n $line ]]`: read fails on a last line without a newline, but fills $line.
while IFS= read -r line || [[ -n $line ]]; do
  rows=$((rows + 1))
done <"$1"
echo "$rows"
