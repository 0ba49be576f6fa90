#!/usr/bin/env bash
# Static checks of the production packaging, no Docker engine needed:
# compose files, Dockerfiles, CloudFormation, nginx config, shell scripts.
# Tools are pinned in infra/requirements-check.txt and installed once into
# infra/.venv-check (reinstalled only when that file changes).
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/check-infra.sh [--help | --install-only]

Runs, one line per check, exiting non-zero if any fails:
  compose config -q   docker-compose.yml and docker-compose.prod.yml (+ profile onehost)
  hadolint            backend/Dockerfile, frontend/Dockerfile
  cfn-lint            infra/aws/*.yaml
  checkov             infra/aws (CloudFormation) and both Dockerfiles, offline
  nginx -t            infra/nginx template rendered with a throwaway cert
  nginx selftest      that config running on loopback: redirect, headers, caching, 413, 429, failover
  backup selftest     backup-db.sh / restore-db.sh round trip (SQLite; PostgreSQL when one answers locally)
  shellcheck          every shell script in scripts/ and infra/
Set CHECK_INFRA_VERBOSE=1 to print every tool's output, not only failures'.
--install-only installs the pinned tools (infra/.venv-check) and exits: test.sh does it beside other installs.
USAGE
}
[ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ] && { usage; exit 0; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/infra/.venv-check"
REQ="$ROOT/infra/requirements-check.txt"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/check-infra.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
started=$SECONDS

# ---- tools ----------------------------------------------------------------------
ensure_check_venv() {
  local want stamp="$VENV/.requirements-hash"
  want="$(sha256sum "$REQ" | cut -d' ' -f1)"
  if [ -x "$VENV/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  echo "installing check tools into infra/.venv-check (first run or requirements changed)"
  rm -rf "$VENV"
  "${PYTHON:-python3}" -m venv "$VENV"
  if ! "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$REQ" >"$WORK/pip.log" 2>&1; then
    grep -v "^WARNING: Location" "$WORK/pip.log" | tail -20 >&2
    echo "FAIL could not install the check tools" >&2
    exit 1
  fi
  echo "$want" > "$stamp"
}
ensure_check_venv
[ "${1:-}" = "--install-only" ] && exit 0
SITE="$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
COMPOSE="$SITE/compose/docker-compose"   # the Go binary itself: its Python wrapper drops the exit code
[ -x "$COMPOSE" ] || { echo "FAIL compose binary missing at $COMPOSE" >&2; exit 1; }

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  # shellcheck source=scripts/lib/common.sh
  source "$ROOT/scripts/lib/common.sh"
  ensure_apt_packages nginx:nginx
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

# ---- runner ---------------------------------------------------------------------
failures=0
check() {  # check NAME CMD...: run CMD, print one PASS/FAIL line with its duration
  local name="$1"; shift
  local t0=$SECONDS out="$WORK/out.$RANDOM"
  if "$@" >"$out" 2>&1; then
    printf 'PASS  %-58s %3ss\n' "$name" "$((SECONDS - t0))"
    [ "${CHECK_INFRA_VERBOSE:-0}" = "1" ] && sed 's/^/      /' "$out"
  else
    printf 'FAIL  %-58s %3ss\n' "$name" "$((SECONDS - t0))"
    sed 's/^/      /' "$out" | tail -60
    failures=$((failures + 1))
  fi
  return 0
}

# A throwaway env file for compose: .env.example when it exists, else every
# setting name with a harmless value. A real .env is never created or read.
ENV_TMP="$WORK/compose.env"
if [ -f "$ROOT/.env.example" ]; then
  cp "$ROOT/.env.example" "$ENV_TMP"
else
  for v in ENVIRONMENT=production LOG_LEVEL=INFO DATABASE_URL=sqlite+aiosqlite:////app/data/hibid.db \
           DB_POOL_SIZE=5 STORAGE_BACKEND=local S3_BUCKET= S3_ENDPOINT_URL= S3_PREFIX= AWS_REGION=us-east-1 \
           BACKEND_URL=https://example.com FRONTEND_URL=https://example.com ALLOWED_ORIGINS=https://example.com \
           OPENAI_API_KEY= OPENAI_MODEL= OPENAI_BASE_URL= AI_DEADLINE_S=5 MAX_UPLOAD_MB=5 MAX_HERO_IMAGES=3 \
           REDIS_URL= SECRET_KEY=check-only FIRST_ADMIN_EMAIL= FIRST_ADMIN_PASSWORD= ALLOW_SIGNUP=false SENTRY_DSN=; do
    echo "$v"
  done > "$ENV_TMP"
fi

compose_config() { ENV_FILE="$ENV_TMP" "$COMPOSE" --project-directory "$ROOT" "$@" config -q; }
check "compose config docker-compose.yml"            compose_config -f docker-compose.yml
check "compose config docker-compose.prod.yml"       compose_config -f docker-compose.prod.yml
check "compose config prod, all profiles"           compose_config -f docker-compose.prod.yml --profile onehost --profile monitoring
check "compose config prod + awslogs override"       compose_config -f docker-compose.prod.yml -f infra/compose/docker-compose.awslogs.yml

check "hadolint backend/Dockerfile"                  "$VENV/bin/hadolint" --no-color backend/Dockerfile
check "hadolint frontend/Dockerfile"                 "$VENV/bin/hadolint" --no-color frontend/Dockerfile

shopt -s nullglob
templates=(infra/aws/*.yaml infra/aws/*.yml)
shopt -u nullglob
if [ ${#templates[@]} -gt 0 ]; then
  check "cfn-lint infra/aws (${#templates[@]} template(s))" "$VENV/bin/cfn-lint" "${templates[@]}"
else
  printf 'FAIL  %-44s\n' "cfn-lint: no templates in infra/aws"; failures=$((failures + 1))
fi
checkov_files=()
for f in "${templates[@]}" backend/Dockerfile frontend/Dockerfile; do checkov_files+=(-f "$f"); done
check "checkov infra/aws + Dockerfiles (offline)" \
  "$VENV/bin/checkov" --quiet --compact --skip-download --output cli \
    --framework cloudformation dockerfile "${checkov_files[@]}"

nginx_test() {
  "$ROOT/scripts/gen-dev-cert.sh" "$WORK/cert" >/dev/null
  mkdir -p "$WORK/static" && echo '<!doctype html><title>check</title>' > "$WORK/static/index.html"
  # As production renders it (IPv6 too, docs on and off): every variant must pass nginx -t.
  local docs
  for docs in false true; do
    UPSTREAMS="127.0.0.1:18001 127.0.0.1:18002" CERT="$WORK/cert/cert.pem" KEY="$WORK/cert/key.pem" \
      STATIC_ROOT="$WORK/static" HTTP_PORT=18080 HTTPS_PORT=18443 STATUS_PORT=18081 LISTEN_IPV6=1 \
      SERVER_NAME="email.example.com www.email.example.com" API_DOCS_ENABLED="$docs" \
      RUNTIME_DIR="$WORK/nginx" ERROR_LOG="$WORK/nginx/error.log" ACCESS_LOG="$WORK/nginx/access.log" \
      "$ROOT/infra/nginx/render.sh" -o "$WORK/nginx/nginx.conf"
    "$NGINX" -t -q -c "$WORK/nginx/nginx.conf" || return 1
  done
}
check "nginx -t rendered infra/nginx ($("$NGINX" -v 2>&1 | sed 's/.*\///'))" nginx_test
# Runs nginx on loopback with stub backends: redirect, headers, limits, failover.
check "nginx behaviour (infra/nginx/selftest.sh)"   "$ROOT/infra/nginx/selftest.sh"

check "backup/restore round trip (infra/lib/backup-selftest.sh)" "$ROOT/infra/lib/backup-selftest.sh"

# Every shell script in scripts/ and infra/, tracked or new (git skips what .gitignore skips: venvs,
# node_modules), so none goes unlinted.
scripts_to_lint=()
while IFS= read -r f; do
  [ -f "$f" ] && scripts_to_lint+=("$f")
done < <(git ls-files --cached --others --exclude-standard -- 'scripts/*.sh' 'infra/*.sh' | sort -u)
check "shellcheck scripts/ and infra/ (${#scripts_to_lint[@]} files)" \
  "$VENV/bin/shellcheck" -x -S warning "${scripts_to_lint[@]}"

total=$((SECONDS - started))
if [ "$failures" -gt 0 ]; then
  echo "check-infra: $failures check(s) failed in ${total}s"
  exit 1
fi
echo "check-infra: all checks passed in ${total}s"
