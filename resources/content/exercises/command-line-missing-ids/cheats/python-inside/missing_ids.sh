#!/usr/bin/env bash
if [ "$#" -ne 2 ]; then
  echo "Usage: bash missing_ids.sh SCORING.csv FEATURES.csv" >&2
  exit 2
fi
exec python3 - "$1" "$2" <<'PY'
import csv, sys
try:
    rows = [list(csv.reader(open(p, newline=""))) for p in sys.argv[1:]]
except OSError as err:
    print(err, file=sys.stderr)
    sys.exit(2)
have = {r[-1] for r in rows[1][1:] if r}
missing = sorted({r[0] for r in rows[0][1:] if r} - have)
print("\n".join(missing), end="\n" if missing else "")
sys.exit(1 if missing else 0)
PY
