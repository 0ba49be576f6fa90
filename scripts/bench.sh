#!/usr/bin/env bash
# Every benchmark behind one entry point: ./scripts/bench.sh <sub-command> [options]
# (flow, scale, process, generate, live-preview, steps, storage, copy; --help lists them).
# Results land in bench-results/. This is the one place the benchmarks' import path is set.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
ensure_backend_venv
# scripts/ holds the bench package; backend/ the test helpers some benchmarks reuse (the app itself is installed).
export PYTHONPATH="$ROOT_DIR/scripts:$BACKEND_DIR${PYTHONPATH:+:$PYTHONPATH}"
exec "$VENV_DIR/bin/python" -m bench "$@"
