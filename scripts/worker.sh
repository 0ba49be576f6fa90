#!/usr/bin/env bash
# Runs job workers (app/jobs: photo renditions, picture proofs, ZIP packages) against JOBS_BROKER_URL,
# from the environment or .env.
# Not needed by ./scripts/dev.sh: with JOBS_BROKER_URL empty the web processes do the jobs themselves.
#
#   JOBS_BROKER_URL=redis://127.0.0.1:6379/1 ./scripts/worker.sh        one worker process
#   WORKERS=2 JOBS_BROKER_URL=redis://127.0.0.1:6379/1 ./scripts/worker.sh   two processes
#
# The web processes must have the same JOBS_BROKER_URL (and JOBS_NAMESPACE), database and storage.
# Ctrl-C (SIGINT) or SIGTERM: each worker finishes the jobs under way and exits.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

ensure_backend_venv

env_value() { [ -f "$ROOT_DIR/.env" ] && sed -n "s/^$1=//p" "$ROOT_DIR/.env" | tail -n 1; }
broker="${JOBS_BROKER_URL:-$(env_value JOBS_BROKER_URL || true)}"
if [ -z "$broker" ]; then
  echo "JOBS_BROKER_URL is empty: jobs run inside the web processes and no worker is needed." >&2
  echo "Set it (e.g. JOBS_BROKER_URL=redis://127.0.0.1:6379/1) for the web processes and here." >&2
  exit 2
fi
export JOBS_BROKER_URL="$broker"
workers="${WORKERS:-1}"

cd "$BACKEND_DIR"
pids=()
stop() { for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; }
trap stop INT TERM
for _ in $(seq "$workers"); do
  "$VENV_DIR/bin/python" -m app.jobs.worker &
  pids+=("$!")
done
log "$workers worker process(es) on ${broker%%@*}... (pids ${pids[*]})"
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=$?; done
exit "$status"
