#!/usr/bin/env bash
# End-to-end, photos straight to S3: moto_server over HTTP (a bucket with the CORS rule the browser
# needs), the real backend with S3 storage on a throwaway database, and Debian's chromium driving the
# new-campaign form (frontend/e2e/*.s3.ts through playwright.s3.config.ts). Never downloads a browser.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
ensure_apt_packages chromium:chromium
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM_PATH" ] || { echo "chromium not found at $CHROMIUM_PATH" >&2; exit 1; }
export CHROMIUM_PATH

[ -x "$VENV_DIR/bin/uvicorn" ] || ensure_backend_venv
ensure_frontend_deps

ensure_web_app_build e2e-s3

export E2E_EMAIL="${E2E_EMAIL:-admin@example.com}"
export E2E_PASSWORD="${E2E_PASSWORD:-e2e-admin-passphrase}"
# moto accepts any credentials; botocore only needs some to sign with.
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_SESSION_TOKEN=testing AWS_DEFAULT_REGION=us-east-1

tmp="$(mktemp -d)"
port="$(free_port)"
s3_port="$(free_port)"
base="http://127.0.0.1:$port"
s3="http://127.0.0.1:$s3_port"
bucket="e2e-media"
server_pid=""
moto_pid=""

cleanup() {
  stop_pids "$server_pid" "$moto_pid"
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

mkdir -p "$FRONTEND_DIR/e2e-results"
log "e2e-s3: starting moto_server on $s3"
"$VENV_DIR/bin/moto_server" -H 127.0.0.1 -p "$s3_port" >"$FRONTEND_DIR/e2e-results/moto-s3.log" 2>&1 &
moto_pid=$!
wait_for_url "$s3/moto-api/" "$moto_pid" "$FRONTEND_DIR/e2e-results/moto-s3.log" moto_server

# The bucket as production needs it: the browser POSTs to it from the app's origin.
S3_URL="$s3" BUCKET="$bucket" ORIGIN="$base" "$VENV_DIR/bin/python" -c '
import os, boto3
s3 = boto3.client("s3", endpoint_url=os.environ["S3_URL"], region_name="us-east-1")
s3.create_bucket(Bucket=os.environ["BUCKET"])
s3.put_bucket_cors(Bucket=os.environ["BUCKET"], CORSConfiguration={"CORSRules": [
    {"AllowedOrigins": [os.environ["ORIGIN"]], "AllowedMethods": ["POST"], "AllowedHeaders": ["*"], "MaxAgeSeconds": 3000}
]})
'

log "e2e-s3: starting the backend (S3 storage) on $base"
(
  cd "$BACKEND_DIR"
  exec env DATABASE_URL="sqlite+aiosqlite:///$tmp/e2e.db" MEDIA_ROOT="$tmp/media" \
    STORAGE_BACKEND=s3 S3_BUCKET="$bucket" S3_ENDPOINT_URL="$s3" AWS_REGION=us-east-1 \
    BACKEND_URL="$base" FRONTEND_URL="$base" FRONTEND_DIST="$FRONTEND_DIR/dist" \
    ALLOWED_ORIGINS="$base" OPENAI_API_KEY="" LOG_LEVEL=WARNING \
    RATE_LIMIT_DEFAULT="${E2E_RATE_LIMIT_DEFAULT:-600/minute}" \
    FIRST_ADMIN_EMAIL="$E2E_EMAIL" FIRST_ADMIN_PASSWORD="$E2E_PASSWORD" \
    "$VENV_DIR/bin/uvicorn" app.main:app --host 127.0.0.1 --port "$port"
) >"$FRONTEND_DIR/e2e-results/backend-s3.log" 2>&1 &
server_pid=$!
wait_for_url "$base/health" "$server_pid" "$FRONTEND_DIR/e2e-results/backend-s3.log" "the backend"

log "e2e-s3: running Playwright against $base (S3 at $s3)"
cd "$FRONTEND_DIR"
E2E_BASE_URL="$base" E2E_S3_ENDPOINT="$s3" E2E_S3_BUCKET="$bucket" \
  npx --no-install playwright test -c playwright.s3.config.ts "$@"
log "e2e-s3: passed"
