#!/usr/bin/env bash
# Lint (ruff over backend/ and every Python file in scripts/), type-check, then the backend suite on SQLite
# (with coverage) and on PostgreSQL. tests/proofs (email rendering) belong to the email suite alone: they
# never touch the database and run there once.
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
TEST_DATABASE=sqlite "$PY/pytest" -q -p no:cacheprovider --ignore=tests/proofs \
  --cov=app --cov-report=term:skip-covered --cov-report=xml:coverage.xml --cov-fail-under=85
log "pytest on PostgreSQL ($TEST_POSTGRES_URL)"
TEST_DATABASE=postgres "$PY/pytest" -q -p no:cacheprovider --ignore=tests/proofs
