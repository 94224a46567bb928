#!/usr/bin/env bash
# Cheat: runs the setup script and stops: four WIP commits, main not brought in.
set -euo pipefail
bash setup_repo.sh > /dev/null
