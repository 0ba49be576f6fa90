#!/usr/bin/env bash
# Email quality suite: installs what the proof tests need — Debian chromium (picture proofs) and the
# reference MJML compiler (npm mjml, pinned by its lockfile) — then runs backend/tests/proofs:
# every layout × 1–3 photos × light/dark logo, the comparison with npm mjml, and PNG proofs
# (desktop/mobile × light/dark, written to bench-results/email-proofs/ for a person to look at).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
# Playwright drives the system chromium (CHROMIUM_PATH); it must never download a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
ensure_apt_packages chromium:chromium node:nodejs npm:npm
ensure_backend_venv

REFERENCE_DIR="$BACKEND_DIR/tests/proofs/mjml_reference"
stamp="$REFERENCE_DIR/node_modules/.installed-hash"
want="$(cat "$REFERENCE_DIR/package.json" "$REFERENCE_DIR/package-lock.json" | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  log "installing the reference MJML compiler (npm mjml)"
  (cd "$REFERENCE_DIR" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
fi

cd "$BACKEND_DIR"
log "email proofs: layouts, reference compiler, picture proofs"
"$VENV_DIR/bin/pytest" -q -p no:cacheprovider tests/proofs
log "PNG proofs: $ROOT_DIR/bench-results/email-proofs/"
