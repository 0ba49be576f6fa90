#!/usr/bin/env bash
# The one test entry, with named suites. Installs what it needs, then runs the suites in order and
# prints each one's time. Exits non-zero when any suite fails.
#
#   ./scripts/test.sh                  every suite (what CI runs: .ci/run)
#   ./scripts/test.sh backend email    just those, in the order given
#   ./scripts/test.sh --list           the suites and what each checks
#   ./scripts/test.sh e2e-browser -- --project=mobile-375 -g oversize
#                                      arguments after -- go to the suite (e2e-browser: playwright test;
#                                      e2e-production: --keep)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/common.sh

# name|what it checks. The order is the order of a full run: fast feedback first.
SUITES=(
  "backend|ruff (backend + scripts/), mypy, pytest on SQLite with coverage >= 85 %, pytest on PostgreSQL"
  "email|tests/proofs: every layout, the npm mjml reference, SpamAssassin, caniemail, PNG proofs"
  "frontend|generated client up to date, tsc, eslint, vitest with coverage >= 70 %, vite build"
  "e2e-browser|Playwright on Debian chromium against the real backend, 1280 and 375 px, axe"
  "e2e-s3|Playwright: the web app sends photos straight to S3 (moto_server), a non-image refused and removed"
  "infra|compose, hadolint, cfn-lint, checkov, nginx -t and selftest, backup round trip, shellcheck"
  "e2e-production|nginx (TLS) -> 2 backends -> PostgreSQL + S3 (moto) + Redis, one backend killed mid-run"
  "schemathesis|the OpenAPI schema fuzzed against the running app: no 5xx, nothing undocumented"
  "bench|benchmarks that must not rot: bench process --quick, flow --short, scale --short (PostgreSQL + Redis)"
)

suite_names() { local s; for s in "${SUITES[@]}"; do echo "${s%%|*}"; done; }

list_suites() {
  local s
  for s in "${SUITES[@]}"; do printf '  %-15s %s\n' "${s%%|*}" "${s#*|}"; done
}

# run_named NAME [ARGS...]: the command behind a suite name.
run_named() {
  local name="$1"; shift
  case "$name" in
    infra) ./scripts/check-infra.sh "$@" ;;
    bench)
      ./scripts/bench.sh process --quick && ./scripts/bench.sh flow --short &&
        ./scripts/bench.sh scale --short --out "$ROOT_DIR/bench-results/scale-short.json" ;;
    *) "./scripts/suites/$name.sh" "$@" ;;
  esac
}

selected=()
passthrough=()
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; echo; echo "suites:"; list_suites; exit 0 ;;
    -l|--list) list_suites; exit 0 ;;
    --) shift; passthrough=("$@"); break ;;
    -*) echo "test.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *)
      if ! suite_names | grep -qx -- "$1"; then
        echo "test.sh: unknown suite '$1'. The suites are:" >&2
        list_suites >&2
        exit 2
      fi
      selected+=("$1") ;;
  esac
  shift
done
if [ ${#selected[@]} -eq 0 ]; then
  mapfile -t selected < <(suite_names)
fi

started=$(date +%s)
declare -a results=()
failed=0
run_suite() {
  local name="$1" t0
  t0=$(date +%s)
  log "suite: $name"
  if run_named "$name" "${passthrough[@]}"; then
    results+=("PASS  $name ($(( $(date +%s) - t0 ))s)")
  else
    results+=("FAIL  $name ($(( $(date +%s) - t0 ))s)")
    failed=$((failed + 1))
  fi
}

# Debian packages the suites drive: chromium (picture proofs, browser tests), nginx (production
# topology), envsubst (nginx config rendering), psql (benchmark databases), SpamAssassin (email checks).
ensure_apt_packages chromium:chromium nginx:nginx envsubst:gettext-base psql:postgresql-client spamassassin:spamassassin

# Installs, side by side: on a clean clone each takes a minute or more (downloads and unpacking) and none
# needs another. The backend's runs in the foreground (its progress is what a newcomer watches), the rest
# in the background, each into a log shown only when it fails. Every suite still checks its own install
# (a no-op once done), so a failed install here fails that suite with the reason.
selected_has() { printf '%s\n' "${selected[@]}" | grep -qx -- "$1"; }
install_logs="$(mktemp -d)"
trap 'rm -rf "$install_logs"' EXIT
install_pids=()
install_names=()
install_in_background() {
  local name="$1"; shift
  ("$@") >"$install_logs/$name.log" 2>&1 &
  install_pids+=("$!")
  install_names+=("$name")
}
if selected_has frontend || selected_has e2e-browser || selected_has e2e-s3; then
  install_in_background "frontend npm packages" ensure_frontend_deps
fi
if selected_has email; then install_in_background "email npm packages" ensure_email_npm_packages; fi
if selected_has schemathesis; then install_in_background "schemathesis" ensure_schemathesis_venv; fi
if selected_has infra; then install_in_background "infra check tools" ./scripts/check-infra.sh --install-only; fi
t0=$(date +%s)
ensure_backend_venv
for i in "${!install_pids[@]}"; do
  if ! wait "${install_pids[$i]}"; then
    log "installing ${install_names[$i]} failed:"
    tail -n 30 "$install_logs/${install_names[$i]}.log" >&2
  fi
done
log "installs done ($(( $(date +%s) - t0 ))s)"

for name in "${selected[@]}"; do
  run_suite "$name"
done

echo
log "summary ($(( $(date +%s) - started ))s)"
printf '  %s\n' "${results[@]}"
passed=$(( ${#results[@]} - failed ))
echo "suites: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
