#!/usr/bin/env bash
# Lint (ruff over backend/ and every Python file in scripts/), type-check, then the backend suite twice:
# on SQLite and on PostgreSQL.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
ensure_backend_venv
cd "$BACKEND_DIR"
PY="$VENV_DIR/bin"

log "ruff (backend/app, backend/tests, scripts/)"
"$PY/ruff" check app tests ../scripts
"$PY/ruff" format --check app tests ../scripts
log "mypy"
"$PY/mypy" app

export TEST_POSTGRES_URL="${TEST_POSTGRES_URL:-postgresql+asyncpg://postgres@127.0.0.1:5432/test}"
log "pytest on SQLite (with coverage)"
TEST_DATABASE=sqlite "$PY/pytest" -q -p no:cacheprovider \
  --cov=app --cov-report=term:skip-covered --cov-report=xml:coverage.xml --cov-fail-under=85
# tests/proofs never touch the database's dialect (they render emails); the SQLite leg and the email suite run them.
log "pytest on PostgreSQL ($TEST_POSTGRES_URL)"
TEST_DATABASE=postgres "$PY/pytest" -q -p no:cacheprovider --ignore=tests/proofs
