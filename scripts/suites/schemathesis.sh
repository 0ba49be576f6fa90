#!/usr/bin/env bash
# Schemathesis against the real app (uvicorn on a free port, temp SQLite and media), signed in as an
# advertiser who owns a real campaign. Fails on any 5xx, any response that breaks the OpenAPI schema, and any
# undocumented status code or content type.
# Bounded: ST_MAX_EXAMPLES examples per operation (default 20) and ST_TIME_BUDGET seconds (default 180).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
ensure_backend_venv

ensure_schemathesis_venv   # $ST_VENV, version $ST_VERSION (SCHEMATHESIS_VERSION overrides): lib/common.sh
ST_MAX_EXAMPLES="${ST_MAX_EXAMPLES:-20}"
ST_TIME_BUDGET="${ST_TIME_BUDGET:-180}"

PY="$VENV_DIR/bin/python"
WORK="$(mktemp -d)"
PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
SERVER_PID=""
SMTP_PID=""
cleanup() {
  stop_pids "$SERVER_PID" "$SMTP_PID"
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# Everything explicit, so a developer's .env (an OpenAI key, Redis, S3) cannot change the run.
export ENVIRONMENT=test LOG_LEVEL=WARNING DEBUG=false
export DATABASE_URL="sqlite+aiosqlite:///$WORK/schemathesis.db" RUN_MIGRATIONS_ON_START=true
export STORAGE_BACKEND=local MEDIA_ROOT="$WORK/media" BACKEND_URL="$BASE" FRONTEND_URL="$BASE" FRONTEND_DIST=
export OPENAI_API_KEY='' REDIS_URL='' SENTRY_DSN='' ALLOW_SIGNUP=true FIRST_ADMIN_EMAIL='' FIRST_ADMIN_PASSWORD=''
SECRET_KEY="schemathesis-$("$PY" -c 'import secrets; print(secrets.token_hex(24))')"
export SECRET_KEY
# Limits are tested elsewhere; here they would only turn generated requests into 429s.
export RATE_LIMIT_ENABLED=false
# Test sends go to a local SMTP sink (aiosmtpd, a dev dependency), so they run for real instead of 503.
SMTP_PORT="$(free_port)"
"$PY" -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" >"$WORK/smtp.log" 2>&1 &
SMTP_PID=$!
export SMTP_HOST=127.0.0.1 SMTP_PORT SMTP_STARTTLS=false SMTP_USERNAME='' SMTP_PASSWORD='' TEST_SEND_DAILY_LIMIT=10000

log "starting the app on $BASE"
(cd "$BACKEND_DIR" && exec "$VENV_DIR/bin/uvicorn" app.main:app --host 127.0.0.1 --port "$PORT" \
  --log-level warning --no-access-log) >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
wait_for_url "$BASE/health" "$SERVER_PID" "$WORK/server.log" "the app"

log "signing in and creating a campaign to test against"
EMAIL="schemathesis@example.com" PASSWORD="schemathesis password"
curl -fsS -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"email\": \"$EMAIL\", \"password\": \"$PASSWORD\"}" "$BASE/api/v1/auth/register"
TOKEN="$(curl -fsS --data-urlencode "username=$EMAIL" --data-urlencode "password=$PASSWORD" "$BASE/api/v1/auth/login" |
  "$PY" -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')"
"$PY" -c 'import sys; from PIL import Image; Image.new("RGB", (300, 120), (20, 60, 120)).save(sys.argv[1])' "$WORK/logo.png"
CAMPAIGN_ID="$(curl -fsS -H "Authorization: Bearer $TOKEN" -F campaign_name="Schemathesis Sale" \
  -F advertiser_name="Fuzz & Sons" -F text_content="Saturday 10 AM, 200 lots." -F logo=@"$WORK/logo.png" \
  "$BASE/api/v1/upload" | "$PY" -c 'import json, sys; print(json.load(sys.stdin)["id"])')"

# Path parameters point at the advertiser's real campaign, so every pipeline step is exercised.
# Sign-out and password change revoke the run's token (their own tests cover them): left out, or every later
# operation would answer 401.
cat >"$WORK/schemathesis.toml" <<TOML
[parameters]
"path.campaign_id" = "$CAMPAIGN_ID"
TOML

log "schemathesis: $ST_MAX_EXAMPLES examples per operation, at most ${ST_TIME_BUDGET}s"
status=0
timeout --signal=INT "$ST_TIME_BUDGET" "$ST_VENV/bin/schemathesis" --config-file "$WORK/schemathesis.toml" run \
  "$BASE/openapi.json" \
  --checks not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance \
  --header "Authorization: Bearer $TOKEN" \
  --exclude-path /api/v1/auth/logout --exclude-path /api/v1/auth/password \
  --max-examples "$ST_MAX_EXAMPLES" \
  --phases examples,coverage,fuzzing \
  --workers 2 \
  --request-timeout 20 \
  --seed "${ST_SEED:-20261125}" \
  --no-color || status=$?
if [ "$status" -ne 0 ]; then
  [ "$status" -eq 124 ] && echo "schemathesis ran past its ${ST_TIME_BUDGET}s budget" >&2
  echo "--- app log (last 80 lines) ---" >&2
  tail -n 80 "$WORK/server.log" >&2
  exit "$status"
fi
log "schemathesis: no server error, every response matches the schema"
