#!/bin/sh
# Container start-up for the web image (frontend/Dockerfile): render the nginx
# config from the environment, check it, then run nginx in the foreground as PID 1.
set -eu
: "${UPSTREAMS:=backend-1:8000 backend-2:8000}"
: "${CERT:=/etc/nginx/certs/cert.pem}"
: "${KEY:=/etc/nginx/certs/key.pem}"
: "${STATIC_ROOT:=/usr/share/nginx/html}"
: "${HTTP_PORT:=8080}"
: "${HTTPS_PORT:=8443}"
: "${PUBLIC_HTTPS_PORT:=443}"
: "${STATUS_PORT:=8081}"
: "${RUNTIME_DIR:=/tmp/nginx}"
export UPSTREAMS CERT KEY STATIC_ROOT HTTP_PORT HTTPS_PORT PUBLIC_HTTPS_PORT STATUS_PORT RUNTIME_DIR

if [ ! -r "$CERT" ] || [ ! -r "$KEY" ]; then
    echo "hibid-nginx: cannot read $CERT / $KEY (mount the certificate directory, see docs/DEPLOYMENT.md)" >&2
    exit 1
fi

"${RENDER:-/usr/local/bin/hibid-nginx-render}" -o "$RUNTIME_DIR/nginx.conf"
nginx -t -q -c "$RUNTIME_DIR/nginx.conf"
exec nginx -c "$RUNTIME_DIR/nginx.conf" -g 'daemon off;' "$@"
