#!/usr/bin/env bash
# Frontend checks: client freshness, types, lint, unit tests with coverage (>= 70% lines), build.
# Exits non-zero on the first failure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
ensure_frontend_deps

log "frontend: checking the generated API client is up to date"
"$ROOT_DIR/scripts/generate-client.sh" --check

cd "$FRONTEND_DIR"
# tsc and eslint each keep one core busy for ~20 s: side by side on two cores. tsc's output follows eslint's.
log "frontend: tsc --noEmit and eslint, side by side"
tsc_log="$(mktemp)"
trap 'rm -f "$tsc_log"' EXIT
npx --no-install tsc --noEmit >"$tsc_log" 2>&1 &
tsc_pid=$!
eslint_status=0
npx --no-install eslint . --max-warnings=0 || eslint_status=$?
tsc_status=0
wait "$tsc_pid" || tsc_status=$?
cat "$tsc_log"
[ "$tsc_status" -eq 0 ] || { echo "frontend: tsc --noEmit failed" >&2; exit 1; }
[ "$eslint_status" -eq 0 ] || { echo "frontend: eslint failed" >&2; exit 1; }

log "frontend: vitest with coverage"
# Coverage thresholds live in vite.config.ts (lines >= 70%); the summary lands in coverage/coverage-summary.json.
npx --no-install vitest run --coverage

python3 - <<'PY'
import json
total = json.load(open("coverage/coverage-summary.json"))["total"]
print(f"frontend line coverage: {total['lines']['pct']}% ({total['lines']['covered']}/{total['lines']['total']} lines)")
PY

log "frontend: vite build"
npx --no-install vite build

log "frontend: all checks passed"
