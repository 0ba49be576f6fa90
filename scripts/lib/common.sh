#!/usr/bin/env bash
# Shared helpers for scripts/*.sh. Source it; it defines functions only.

ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BACKEND_DIR="$ROOT_DIR/backend"
FRONTEND_DIR="$ROOT_DIR/frontend"
VENV_DIR="$BACKEND_DIR/.venv"

log() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

# ensure_apt_packages CMD:PKG ... installs the Debian package PKG when CMD is missing.
ensure_apt_packages() {
  local missing=() pair cmd pkg
  for pair in "$@"; do
    cmd="${pair%%:*}"; pkg="${pair##*:}"
    command -v "$cmd" >/dev/null 2>&1 || [ -x "$cmd" ] || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ensure_backend_venv: creates backend/.venv and installs the backend (with dev extras)
# only when pyproject.toml changed since the last install.
ensure_backend_venv() {
  local py="${PYTHON:-python3}"
  if [ ! -x "$VENV_DIR/bin/python" ]; then
    log "creating $VENV_DIR"
    "$py" -m venv "$VENV_DIR"
  fi
  local stamp="$VENV_DIR/.installed-hash"
  local want
  want="$(cat "$BACKEND_DIR/pyproject.toml" | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    log "installing backend dependencies"
    "$VENV_DIR/bin/python" -m pip install -q --upgrade pip
    "$VENV_DIR/bin/python" -m pip install -q -e "$BACKEND_DIR[dev]"
    echo "$want" > "$stamp"
  fi
}

# ensure_frontend_deps: npm ci when package-lock.json changed since the last install.
ensure_frontend_deps() {
  [ -f "$FRONTEND_DIR/package.json" ] || return 0
  local stamp="$FRONTEND_DIR/node_modules/.installed-hash" want
  want="$(cat "$FRONTEND_DIR/package.json" "$FRONTEND_DIR/package-lock.json" 2>/dev/null | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    log "installing frontend dependencies"
    (cd "$FRONTEND_DIR" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
  fi
}
