#!/usr/bin/env bash
# Lint (ruff over backend/ and every Python file in scripts/), type-check, then the backend suite on SQLite
# (with coverage) and on PostgreSQL (side by side from 2 cores). tests/proofs (email rendering) belong to the
# email suite alone: they never touch the database and run there once.
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
# pytest-randomly shuffles the tests; -q hides its header, so the seed is chosen and printed here:
# a failure reruns in the same order with RANDOMLY_SEED=<seed> ./scripts/test.sh backend.
seed="${RANDOMLY_SEED:-$(( $(od -An -N2 -tu2 /dev/urandom) ))}"
seed="${seed// /}"
log "test order: pytest-randomly seed $seed (rerun: RANDOMLY_SEED=$seed ./scripts/test.sh backend)"
sqlite_leg() {
  TEST_DATABASE=sqlite "$PY/pytest" -q -p no:cacheprovider -p randomly --randomly-seed="$seed" --ignore=tests/proofs \
    --cov=app --cov-report=term:skip-covered --cov-report=xml:coverage.xml --cov-fail-under=85
}
postgres_leg() {
  TEST_DATABASE=postgres "$PY/pytest" -q -p no:cacheprovider -p randomly --randomly-seed="$seed" --ignore=tests/proofs
}

# BACKEND_LEGS=parallel runs the two legs side by side (nothing they use is shared: each has its own
# database, tests pick free ports and their own Redis keys), sequential one after the other; the default,
# auto, is parallel from 2 cores. Most of a leg's time is spent waiting (servers, workers, sleeps): on a
# quiet 2-core machine the backend suite took 378 s one after the other and 204 s side by side (3 runs,
# all passed), and 270 s side by side with a busy loop on one core as well (passed). An earlier machine,
# shared with other sessions' suites, failed 6 + 2 CPU-timing tests side by side: BACKEND_LEGS=sequential
# is the way back when a machine is that loaded.
legs="${BACKEND_LEGS:-auto}"
if [ "$legs" = auto ]; then
  legs=sequential
  [ "$(nproc)" -ge 2 ] && legs=parallel
fi
if [ "$legs" = parallel ]; then
  pg_log="$(mktemp)"
  log "pytest on PostgreSQL ($TEST_POSTGRES_URL), beside the SQLite leg: its output follows that leg's"
  postgres_leg >"$pg_log" 2>&1 &
  pg_pid=$!
  trap 'kill "$pg_pid" 2>/dev/null || true; rm -f "$pg_log"' EXIT
  log "pytest on SQLite (with coverage)"
  sqlite_status=0
  sqlite_leg || sqlite_status=$?
  pg_status=0
  wait "$pg_pid" || pg_status=$?
  log "pytest on PostgreSQL ($TEST_POSTGRES_URL): exit $pg_status"
  cat "$pg_log"
  [ "$sqlite_status" -eq 0 ] && [ "$pg_status" -eq 0 ]
else
  log "pytest on SQLite (with coverage)"
  sqlite_leg
  log "pytest on PostgreSQL ($TEST_POSTGRES_URL)"
  postgres_leg
fi
