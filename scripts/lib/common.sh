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
    # pip prints a line per package (and a progress bar on a terminal): the first run takes minutes.
    log "installing backend dependencies, step 1/2: pip itself"
    "$VENV_DIR/bin/python" -m pip install --disable-pip-version-check --upgrade pip
    log "installing backend dependencies, step 2/2: the backend and its dev tools (a few minutes the first time)"
    "$VENV_DIR/bin/python" -m pip install --disable-pip-version-check --progress-bar on -e "${BACKEND_DIR}[dev]"
    echo "$want" > "$stamp"
    log "backend dependencies installed"
  fi
}

# ensure_frontend_deps: npm ci when package-lock.json changed since the last install.
ensure_frontend_deps() {
  [ -f "$FRONTEND_DIR/package.json" ] || return 0
  local stamp="$FRONTEND_DIR/node_modules/.installed-hash" want
  want="$(cat "$FRONTEND_DIR/package.json" "$FRONTEND_DIR/package-lock.json" 2>/dev/null | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    log "installing frontend dependencies (npm ci, about a minute the first time)"
    (cd "$FRONTEND_DIR" && npm ci --no-audit --no-fund --loglevel=error --progress=true)
    echo "$want" > "$stamp"
  fi
}

# frontend_build_is_fresh: frontend/dist exists and is newer than every source file of the build.
frontend_build_is_fresh() {
  local built="$FRONTEND_DIR/dist/index.html"
  [ -f "$built" ] || return 1
  local newer
  newer="$(cd "$FRONTEND_DIR" && find src public index.html package.json package-lock.json vite.config.* tsconfig*.json \
    -newer "$built" -type f -print -quit 2>/dev/null || true)"
  [ -z "$newer" ]
}

# ensure_email_npm_packages: npm ci, pinned by their lockfiles, of what the email suite drives: the reference
# MJML compiler and doiuse-email (caniemail data); only when a lockfile changed since the last install.
ensure_email_npm_packages() {
  local dir stamp want
  for dir in "$BACKEND_DIR/tests/proofs/mjml_reference" "$BACKEND_DIR/tests/proofs/email_lint"; do
    stamp="$dir/node_modules/.installed-hash"
    want="$(cat "$dir/package.json" "$dir/package-lock.json" | sha256sum | cut -d' ' -f1)"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
      log "installing npm packages in ${dir#"$ROOT_DIR"/}"
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
      echo "$want" > "$stamp"
    fi
  done
}

# ensure_schemathesis_venv: schemathesis in a venv of its own (it pins libraries the app does not need).
ST_VENV="$BACKEND_DIR/.venv-schemathesis"
ST_VERSION="${SCHEMATHESIS_VERSION:-4.32.5}"
ensure_schemathesis_venv() {
  if ! "$ST_VENV/bin/schemathesis" --version 2>/dev/null | grep -qF "$ST_VERSION"; then
    log "installing schemathesis $ST_VERSION into $ST_VENV"
    "${PYTHON:-python3}" -m venv "$ST_VENV"
    "$ST_VENV/bin/python" -m pip install -q --disable-pip-version-check "schemathesis==$ST_VERSION"
  fi
}

# ensure_web_app_build NAME: frontend/dist for the browser suites; the frontend suite has usually just built
# it, so vite runs only when a source is newer than the build. NAME labels the log lines.
ensure_web_app_build() {
  if frontend_build_is_fresh; then
    log "$1: the web app build in frontend/dist is newer than every source: using it"
  else
    log "$1: building the web app"
    (cd "$FRONTEND_DIR" && npx --no-install vite build --logLevel warn)
  fi
}

# Processes the browser and fuzzing suites start: a free port, waiting for one to answer, stopping them.

# free_port: a TCP port on 127.0.0.1 nothing listens on now.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_for_url URL PID LOG WHAT: returns once URL answers 2xx; exits 1 with LOG printed if PID exits
# first or 60 s pass. WHAT names the process in the message.
wait_for_url() {
  local _
  for _ in $(seq 1 120); do
    if curl -fsS "$1" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$2" 2>/dev/null; then
      echo "$4 exited before answering:" >&2
      cat "$3" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "$4 did not answer within 60 s" >&2
  cat "$3" >&2
  exit 1
}

# stop_pids PID...: stops each process still running (empty arguments are skipped) and reaps it.
stop_pids() {
  local pid
  for pid in "$@"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
}
