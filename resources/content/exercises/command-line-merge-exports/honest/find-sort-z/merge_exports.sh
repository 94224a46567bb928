#!/bin/bash
# find lists the exports (NUL-separated, so any file name is safe), sort -z orders them
# by name, which is by date; sed adds a missing final newline and drops later headers.
set -o errexit -o nounset -o pipefail

case $# in
  1) ;;
  *) printf 'Usage: merge_exports.sh FOLDER\n' >&2; exit 2 ;;
esac
src="$1"
if ! test -d "$src"; then
  printf 'merge_exports.sh: cannot read folder %s\n' "$src" >&2
  exit 1
fi

files=()
while IFS= read -r -d '' path; do
  files+=("$path")
done < <(find "$src" -mindepth 1 -maxdepth 1 -type f -name '*.csv' ! -empty -print0 | LC_ALL=C sort -z)

if (( ${#files[@]} == 0 )); then
  printf 'merge_exports.sh: %s has no exports to merge\n' "$src" >&2
  exit 1
fi

sed -n '1p' "${files[0]}"
for path in "${files[@]}"; do
  sed -e '1d' -e '$a\' "$path"
done
