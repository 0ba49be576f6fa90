#!/usr/bin/env bash
# Installs what it needs, then runs every test suite. Exits non-zero when any suite fails.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

started=$(date +%s)
declare -a results=()
failed=0
run_suite() {
  local name="$1"; shift
  local t0
  t0=$(date +%s)
  log "suite: $name"
  if "$@"; then
    results+=("PASS  $name ($(( $(date +%s) - t0 ))s)")
  else
    results+=("FAIL  $name ($(( $(date +%s) - t0 ))s)")
    failed=$((failed + 1))
  fi
}

# Debian packages the suites drive: chromium (picture proofs, browser tests), nginx (production
# topology), envsubst (nginx config rendering), psql (benchmark databases).
ensure_apt_packages chromium:chromium nginx:nginx envsubst:gettext-base psql:postgresql-client spamassassin:spamassassin
ensure_backend_venv

run_suite backend ./scripts/test-backend.sh
run_suite email ./scripts/test-email.sh
run_suite frontend ./scripts/test-frontend.sh
run_suite e2e-browser ./scripts/test-e2e.sh
run_suite infra ./scripts/check-infra.sh
run_suite e2e-production ./scripts/test-e2e-prod.sh
run_suite schemathesis ./scripts/test-schemathesis.sh
run_suite bench-process "$VENV_DIR/bin/python" scripts/bench-process.py --quick
run_suite bench-short "$VENV_DIR/bin/python" scripts/bench.py --short

echo
log "summary ($(( $(date +%s) - started ))s)"
printf '  %s\n' "${results[@]}"
passed=$(( ${#results[@]} - failed ))
echo "suites: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
