#!/usr/bin/env bash
# Installs what it needs, then serves the web app and the API on http://HOST:PORT (default 127.0.0.1:8000)
# with the embedded defaults: SQLite, local file storage, offline AI writer.
#
#   PORT=18201 ./scripts/dev.sh     another port: image links and the web app's URL follow it
#   WEB_CONCURRENCY=1 ./scripts/dev.sh   one worker (default: one per core, from nproc)
#   FRONTEND_DIST= ./scripts/dev.sh      API only: the web app is neither built nor served
#
# HOST, PORT, WEB_CONCURRENCY, BACKEND_URL and FRONTEND_URL come from the environment, else .env.
# BACKEND_URL (where image links in proofs point) and FRONTEND_URL default to http://HOST:PORT
# (localhost when HOST is 127.0.0.1 or 0.0.0.0) unless one of those sets them.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

[ -f "$ROOT_DIR/.env" ] || { cp "$ROOT_DIR/.env.example" "$ROOT_DIR/.env"; log "created .env from .env.example"; }
ensure_backend_venv

# The app reads .env itself; here only what the command line and the derived URLs need (the
# environment wins over .env, as in the app).
env_value() { sed -n "s/^$1=//p" "$ROOT_DIR/.env" | tail -n 1; }
setting() { local v="${!1:-}"; [ -n "$v" ] && printf '%s' "$v" || env_value "$1"; }

frontend_dist_set=0
[ -n "${FRONTEND_DIST+x}" ] && frontend_dist_set=1
if [ "$frontend_dist_set" = 1 ] && [ -z "$FRONTEND_DIST" ]; then
  log "FRONTEND_DIST is empty: serving the API only, not building the web app"
elif [ -f "$FRONTEND_DIR/package.json" ]; then
  ensure_frontend_deps
  if frontend_build_is_fresh; then
    log "web app build is up to date (frontend/dist is newer than its sources)"
  else
    log "building the web app (frontend/dist)"
    (cd "$FRONTEND_DIR" && npm run build --silent)
  fi
fi

HOST="$(setting HOST)"; HOST="${HOST:-127.0.0.1}"
PORT="$(setting PORT)"; PORT="${PORT:-8000}"
case "$HOST" in
  0.0.0.0|127.0.0.1|::|::1|localhost) public_host=localhost ;;
  *) public_host="$HOST" ;;
esac
derived="http://$public_host:$PORT"
declare -A url=()
for var in BACKEND_URL FRONTEND_URL; do
  url[$var]="$(setting "$var")"
  if [ -z "${url[$var]}" ]; then
    url[$var]="$derived"
    export "$var=$derived"
  elif [ "${url[$var]%/}" != "$derived" ]; then
    log "note: $var=${url[$var]} (set by you) is not this server's address $derived"
  fi
done

# One worker per core: a single worker was over its latency budget at 50 advertisers on 2 cores.
WORKERS="$(setting WEB_CONCURRENCY)"; WORKERS="${WORKERS:-$(nproc)}"
# The workers' /metrics samples are pooled here (emptied at every start).
if [ -n "${PROMETHEUS_MULTIPROC_DIR:-}" ]; then
  mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
elif [ "$WORKERS" -gt 1 ]; then
  export PROMETHEUS_MULTIPROC_DIR="${TMPDIR:-/tmp}/hibid-dev-metrics-$PORT"
  rm -rf "$PROMETHEUS_MULTIPROC_DIR" && mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
fi

log "serving on $derived with $WORKERS worker(s): web app ${url[FRONTEND_URL]}, API docs $derived/docs"
log "image links in proofs point at BACKEND_URL=${url[BACKEND_URL]}"
cd "$BACKEND_DIR"
exec "$VENV_DIR/bin/uvicorn" app.main:app --host "$HOST" --port "$PORT" --workers "$WORKERS" --proxy-headers
