#!/usr/bin/env bash
set -euo pipefail
bash setup_repo.sh > /dev/null
git_() {
  git -c user.name="Upskill Validator" -c user.email="validator@upskill.invalid" \
    -c commit.gpgsign=false -c core.hooksPath=/dev/null "$@"
}

# Stops after the setup.
