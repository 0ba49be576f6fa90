#!/usr/bin/env bash
# Production topology end to end: Debian nginx with TLS in front of two uvicorn backends on a
# fresh PostgreSQL database with S3 on moto_server and rate limits in Redis; the smoke tests pass
# while one backend is killed mid-run; plain HTTP redirects to HTTPS. Everything on loopback,
# torn down at the end.
# Driver: scripts/e2e/prod_topology.py (--keep keeps the logs). Needs the local PostgreSQL
# (E2E_POSTGRES_URL, default postgresql+asyncpg://postgres@127.0.0.1:5432).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

ensure_apt_packages nginx:nginx openssl:openssl curl:curl envsubst:gettext-base redis-server:redis-server
[ -x /usr/sbin/nginx ] && export PATH="$PATH:/usr/sbin"
ensure_backend_venv

log "e2e-prod: nginx (TLS) -> 2 backends -> PostgreSQL + S3 (moto)"
exec "$VENV_DIR/bin/python" "$ROOT_DIR/scripts/e2e/prod_topology.py" "$@"
