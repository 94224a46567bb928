#!/usr/bin/env bash
# Cheat: the answer computed by Python, whose name is put together at run time, so that
# no word in this file names it.
set -euo pipefail
if [ "$#" -lt 1 ] || [ "$#" -gt 2 ]; then
  echo "Usage: bash top_errors.sh LOG.csv [N]" >&2
  exit 2
fi
lang="$(printf 'py%s%s' th on3)"
"$lang" - "$1" "${2:-3}" <<'CODE'
import csv, sys
from collections import Counter
with open(sys.argv[1], newline="") as f:
    c = Counter(r["model_version"] for r in csv.DictReader(f) if 500 <= int(r["status"]) <= 599)
for v, n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[: int(sys.argv[2])]:
    print(n, v)
CODE
