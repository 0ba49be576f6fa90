#!/usr/bin/env bash
# Make a self-signed TLS certificate for local HTTPS (nginx dev/test runs).
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/gen-dev-cert.sh [DIR] [--cn NAME] [--days N] [--force]

Writes DIR/cert.pem and DIR/key.pem (default DIR: ./infra/certs), a self-signed
certificate for NAME (default localhost) with subjectAltNames localhost,
127.0.0.1 and ::1. Existing files are kept unless --force is given.
Never use this certificate in production: see docs/DEPLOYMENT.md.
EOF
}

dir="" cn="localhost" days=365 force=0
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --cn) cn="$2"; shift 2 ;;
    --days) days="$2"; shift 2 ;;
    --force) force=1; shift ;;
    -*) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    *) dir="$1"; shift ;;
  esac
done
dir="${dir:-$(cd "$(dirname "$0")/.." && pwd)/infra/certs}"

command -v openssl >/dev/null || { echo "openssl is required" >&2; exit 1; }
mkdir -p "$dir"
if [ -s "$dir/cert.pem" ] && [ -s "$dir/key.pem" ] && [ "$force" -eq 0 ]; then
  echo "keeping existing $dir/cert.pem (use --force to replace)"
  exit 0
fi

umask 077
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days "$days" \
  -subj "/CN=$cn" \
  -addext "subjectAltName=DNS:$cn,DNS:localhost,IP:127.0.0.1,IP:::1" \
  -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
chmod 644 "$dir/cert.pem"
chmod 600 "$dir/key.pem"
echo "wrote $dir/cert.pem and $dir/key.pem (CN=$cn, $days days)"
