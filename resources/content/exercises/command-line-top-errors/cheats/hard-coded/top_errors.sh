#!/usr/bin/env bash
# Cheat: the answer for the shipped data/requests.csv, whatever log it is given.
if [ "$#" -lt 1 ]; then
  echo "Usage: bash top_errors.sh LOG.csv [N]" >&2
  exit 2
fi
printf '%s\n' "     20 churn-v4" "     12 churn-v3" "      6 churn-v4-canary" | head -n "${2:-3}"
