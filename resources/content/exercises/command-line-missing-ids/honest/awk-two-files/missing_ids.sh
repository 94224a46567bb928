#!/usr/bin/env bash
set -o errexit -o nounset -o pipefail

usage() {
  printf 'Usage: %s SCORING.csv FEATURES.csv\n' "${0##*/}" >&2
  exit 2
}
(( $# == 2 )) || usage
scoring=$1
features=$2
for f in "$features" "$scoring"; do
  [[ -f $f && -r $f ]] || { printf '%s: no such readable file\n' "$f" >&2; exit 2; }
done

# One awk pass over both files: the first fills a set, the second prints what is not in it.
result=$(
  awk -F, '
    { sub(/\r$/, "") }
    FNR == 1 { next }
    NR == FNR { known[$NF] = 1; next }
    !($1 in known) && !printed[$1]++ { print $1 }
  ' "$features" "$scoring" | LC_ALL=C sort
)
[[ -z $result ]] && exit 0
echo "$result"
exit 1
