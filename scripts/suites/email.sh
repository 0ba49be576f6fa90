#!/usr/bin/env bash
# Email quality suite: installs what the proof tests need — Debian chromium (picture proofs) and the
# reference MJML compiler (npm mjml, pinned by its lockfile) — then runs backend/tests/proofs:
# every layout × 1–3 photos × light/dark logo, the comparison with npm mjml, and PNG proofs
# (desktop/mobile × light/dark, written to bench-results/email-proofs/ for a person to look at).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
# Playwright drives the system chromium (CHROMIUM_PATH); it must never download a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# SpamAssassin (Debian) scores each variant offline (spamassassin -L -t).
ensure_apt_packages chromium:chromium node:nodejs npm:npm spamassassin:spamassassin
ensure_backend_venv

# npm packages pinned by their lockfiles: the reference MJML compiler and doiuse-email (caniemail data).
ensure_email_npm_packages

cd "$BACKEND_DIR"
log "email proofs: layouts, reference compiler, inbox checks (SpamAssassin, caniemail), above the fold, picture proofs"
"$VENV_DIR/bin/pytest" -q -p no:cacheprovider tests/proofs
log "PNG proofs: $ROOT_DIR/bench-results/email-proofs/"
