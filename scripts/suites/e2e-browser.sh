#!/usr/bin/env bash
# End-to-end: builds the web app (unless frontend/dist is newer than its sources), starts the real
# backend on a free port with a throwaway database and media folder, and drives Debian's chromium
# through the advertiser's flow (desktop and 375 px). Screenshots land in frontend/e2e-results/.
# Never downloads a browser.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
ensure_apt_packages chromium:chromium
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM_PATH" ] || { echo "chromium not found at $CHROMIUM_PATH" >&2; exit 1; }
export CHROMIUM_PATH

[ -x "$VENV_DIR/bin/uvicorn" ] || ensure_backend_venv
ensure_frontend_deps

ensure_web_app_build e2e

# The first admin the backend creates at start-up (when it has accounts); the tests sign in with it.
export E2E_EMAIL="${E2E_EMAIL:-admin@example.com}"
export E2E_PASSWORD="${E2E_PASSWORD:-e2e-admin-passphrase}"

tmp="$(mktemp -d)"
port="$(free_port)"
base="http://127.0.0.1:$port"
server_pid=""

cleanup() {
  stop_pids "$server_pid"
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

rm -rf "$FRONTEND_DIR/e2e-results"
mkdir -p "$FRONTEND_DIR/e2e-results"
# Both projects drive one backend from one address, back to back: the API's per-address limit
# (120/minute by default) would refuse the second run's polling, so the e2e backend allows more.
log "e2e: starting the backend on $base"
(
  cd "$BACKEND_DIR"
  exec env DATABASE_URL="sqlite+aiosqlite:///$tmp/e2e.db" MEDIA_ROOT="$tmp/media" \
    BACKEND_URL="$base" FRONTEND_URL="$base" FRONTEND_DIST="$FRONTEND_DIR/dist" \
    ALLOWED_ORIGINS="$base" OPENAI_API_KEY="" LOG_LEVEL=WARNING \
    RATE_LIMIT_DEFAULT="${E2E_RATE_LIMIT_DEFAULT:-600/minute}" \
    FIRST_ADMIN_EMAIL="$E2E_EMAIL" FIRST_ADMIN_PASSWORD="$E2E_PASSWORD" \
    "$VENV_DIR/bin/uvicorn" app.main:app --host 127.0.0.1 --port "$port"
) >"$FRONTEND_DIR/e2e-results/backend.log" 2>&1 &
server_pid=$!
wait_for_url "$base/health" "$server_pid" "$FRONTEND_DIR/e2e-results/backend.log" "the backend"

log "e2e: running Playwright against $base"
cd "$FRONTEND_DIR"
E2E_BASE_URL="$base" npx --no-install playwright test "$@"
log "e2e: passed (screenshots in frontend/e2e-results/screens/)"
