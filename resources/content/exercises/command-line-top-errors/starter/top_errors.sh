#!/usr/bin/env bash
# Usage: bash top_errors.sh LOG.csv [N]
# Prints the N model versions (default 3) with the most server errors (HTTP status
# 500-599) in LOG.csv, one "COUNT VERSION" line each, most errors first.
# LOG.csv columns: timestamp,endpoint,model_version,status,latency_ms
set -euo pipefail

log="$1"
n="${2:-3}"

# TODO: skip the header, keep the rows whose status is 500-599, take their model_version,
# count each version, sort by count (most first, ties alphabetically) and keep $n lines.
echo "top_errors.sh: not implemented yet (log: $log, n: $n)" >&2
exit 1
