#!/usr/bin/env bash
# Installs what it needs, then serves the web app and the API on http://HOST:PORT (default 127.0.0.1:8000)
# with the embedded defaults: SQLite, local file storage, offline AI writer.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

[ -f "$ROOT_DIR/.env" ] || { cp "$ROOT_DIR/.env.example" "$ROOT_DIR/.env"; log "created .env from .env.example"; }
ensure_backend_venv

if [ -f "$FRONTEND_DIR/package.json" ]; then
  ensure_frontend_deps
  log "building the web app"
  (cd "$FRONTEND_DIR" && npm run build --silent)
fi

# The app reads .env itself; here only HOST and PORT are needed (the environment wins over .env).
env_value() { sed -n "s/^$1=//p" "$ROOT_DIR/.env" | tail -n 1; }
HOST="${HOST:-$(env_value HOST)}"; HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-$(env_value PORT)}"; PORT="${PORT:-8000}"
log "serving on http://$HOST:$PORT  (API docs: http://$HOST:$PORT/docs)"
cd "$BACKEND_DIR"
exec "$VENV_DIR/bin/uvicorn" app.main:app --host "$HOST" --port "$PORT" --proxy-headers
