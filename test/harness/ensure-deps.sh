#!/usr/bin/env bash
# Runs before `npm test` and `npm start`: installs the npm packages from package-lock.json
# when they are missing or out of date, so both commands work on a fresh clone.
set -euo pipefail
cd "$(dirname "$0")/../.."
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "[upskill] installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi
