#!/bin/sh
# Render infra/nginx/nginx.conf.template into a ready nginx.conf.
# POSIX sh on purpose: it runs on the host (bash/dash) and inside the nginx
# alpine image (busybox), where it is the container's start-up step.
set -eu

usage() {
    cat <<'EOF'
Usage: infra/nginx/render.sh [-o OUTPUT] [--help]

Writes a complete nginx.conf (default: stdout) from nginx.conf.template.
Settings come from the environment:

  UPSTREAMS         backend addresses, space or comma separated   (required)
                    e.g. "127.0.0.1:8001 127.0.0.1:8002" or "backend-1:8000,backend-2:8000"
  CERT, KEY         TLS certificate and key paths                  (required)
  STATIC_ROOT       directory holding the built SPA (index.html)   (required)
  HTTP_PORT         plain-HTTP listen port, redirects to HTTPS     (default 80)
  HTTPS_PORT        TLS listen port                                (default 443)
  PUBLIC_HTTPS_PORT port clients use for HTTPS, for the redirect   (default HTTPS_PORT)
  SERVER_NAME       the host name(s) served, space separated       (required)
                    e.g. "email.example.com"; any other Host header is refused
                    (444 on HTTP, 421 on HTTPS), never served or redirected
  PUBLIC_HOST       host the HTTP->HTTPS redirect points at        (default: first SERVER_NAME)
  API_DOCS_ENABLED  true to proxy /docs, /redoc, /openapi.json to the backend;
                    otherwise nginx answers 404 there               (default false)
  ACME_ROOT         webroot for /.well-known/acme-challenge/       (default /var/www/acme)
  LISTEN_IPV6       1 to also listen on [::]                       (default 0)
  RUNTIME_DIR       pid file and temp dirs, created if missing     (default /tmp/hibid-nginx)
  ACCESS_LOG        access log path                                (default /dev/stdout)
  ERROR_LOG         error log path, or stderr                      (default stderr)
  MIME_TYPES        mime.types path                                (default /etc/nginx/mime.types)
  WORKER_PROCESSES  worker count                                   (default auto)
  NGINX_USER        emit `user NGINX_USER;` (only meaningful when nginx starts as root;
                    workers otherwise run as nobody and must be able to read STATIC_ROOT
                    and write RUNTIME_DIR: beware `mktemp -d`, which makes 0700 dirs)
  STATUS_PORT       if set, 127.0.0.1:PORT serves /nginx-health and
                    /nginx-status (stub_status) for probes         (default unset)
  UPSTREAM_MAX_FAILS, UPSTREAM_FAIL_TIMEOUT  passive health check  (default 2, 10s)
  UPLOAD_ORIGINS    origins the web app may POST photos to (S3 presigned uploads),
                    space separated, added to the CSP's connect-src
                    e.g. "https://my-bucket.s3.us-east-1.amazonaws.com"   (default none)

Example (loopback test with Debian's nginx):
  UPSTREAMS="127.0.0.1:8001 127.0.0.1:8002" CERT=/tmp/c/cert.pem KEY=/tmp/c/key.pem SERVER_NAME=127.0.0.1 \
  STATIC_ROOT=$PWD/frontend/dist HTTP_PORT=8080 HTTPS_PORT=8443 \
  infra/nginx/render.sh -o /tmp/hibid-nginx/nginx.conf && nginx -t -c /tmp/hibid-nginx/nginx.conf
EOF
}

OUTPUT=""
while [ $# -gt 0 ]; do
    case "$1" in
        -o|--output) OUTPUT="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "render.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done

HERE="$(cd "$(dirname "$0")" && pwd)"
TEMPLATE="${TEMPLATE:-$HERE/nginx.conf.template}"

missing=""
for v in UPSTREAMS CERT KEY STATIC_ROOT SERVER_NAME; do
    eval "val=\${$v:-}"
    [ -n "$val" ] || missing="$missing $v"
done
if [ -n "$missing" ]; then
    echo "render.sh: missing required setting(s):$missing (see --help)" >&2
    exit 2
fi

HTTP_PORT="${HTTP_PORT:-80}"
HTTPS_PORT="${HTTPS_PORT:-443}"
PUBLIC_HTTPS_PORT="${PUBLIC_HTTPS_PORT:-$HTTPS_PORT}"
# Host names go into the config verbatim: only host-name characters (and * wildcards) are allowed,
# and a catch-all ("_") would serve every Host header, which is what the refusal servers prevent.
for name in $SERVER_NAME; do
    case "$name" in
        _|*[!A-Za-z0-9.*-]*) echo "render.sh: SERVER_NAME: '$name' is not a host name (see --help)" >&2; exit 2 ;;
    esac
done
PUBLIC_HOST="${PUBLIC_HOST:-$(echo "$SERVER_NAME" | awk '{print $1}')}"
case "$PUBLIC_HOST" in
    ""|*[!A-Za-z0-9.-]*) echo "render.sh: PUBLIC_HOST: '$PUBLIC_HOST' is not a host name (see --help)" >&2; exit 2 ;;
esac
case "${API_DOCS_ENABLED:-false}" in
    1|true|TRUE|True|yes|on)
        API_DOCS_STATE="proxied (API_DOCS_ENABLED is on)"
        API_DOCS_LOCATION="            proxy_pass http://hibid_backend;" ;;
    *)
        API_DOCS_STATE="hidden (API_DOCS_ENABLED is off)"
        API_DOCS_LOCATION="            return 404;" ;;
esac
ACME_ROOT="${ACME_ROOT:-/var/www/acme}"
LISTEN_IPV6="${LISTEN_IPV6:-0}"
RUNTIME_DIR="${RUNTIME_DIR:-/tmp/hibid-nginx}"
ACCESS_LOG="${ACCESS_LOG:-/dev/stdout}"
ERROR_LOG="${ERROR_LOG:-stderr}"
MIME_TYPES="${MIME_TYPES:-/etc/nginx/mime.types}"
WORKER_PROCESSES="${WORKER_PROCESSES:-auto}"
USER_DIRECTIVE=""
[ -z "${NGINX_USER:-}" ] || USER_DIRECTIVE="user ${NGINX_USER};"
max_fails="${UPSTREAM_MAX_FAILS:-2}"
fail_timeout="${UPSTREAM_FAIL_TIMEOUT:-10s}"

if [ "$PUBLIC_HTTPS_PORT" = "443" ]; then HTTPS_PORT_SUFFIX=""; else HTTPS_PORT_SUFFIX=":$PUBLIC_HTTPS_PORT"; fi

nl='
'
UPSTREAM_SERVERS=""
for addr in $(echo "$UPSTREAMS" | tr ',' ' '); do
    UPSTREAM_SERVERS="${UPSTREAM_SERVERS}        server ${addr} max_fails=${max_fails} fail_timeout=${fail_timeout};${nl}"
done
UPSTREAM_SERVERS="${UPSTREAM_SERVERS%?}"  # drop the trailing newline

# The refusal servers own default_server (and the socket options, which nginx takes once per port).
HTTP_LISTEN="        listen ${HTTP_PORT};"
HTTP_DEFAULT_LISTEN="        listen ${HTTP_PORT} default_server;"
HTTPS_LISTEN="        listen ${HTTPS_PORT} ssl http2;"
HTTPS_DEFAULT_LISTEN="        listen ${HTTPS_PORT} ssl http2 default_server;"
if [ "$LISTEN_IPV6" = "1" ]; then
    HTTP_LISTEN="${HTTP_LISTEN}${nl}        listen [::]:${HTTP_PORT};"
    HTTP_DEFAULT_LISTEN="${HTTP_DEFAULT_LISTEN}${nl}        listen [::]:${HTTP_PORT} default_server ipv6only=on;"
    HTTPS_LISTEN="${HTTPS_LISTEN}${nl}        listen [::]:${HTTPS_PORT} ssl http2;"
    HTTPS_DEFAULT_LISTEN="${HTTPS_DEFAULT_LISTEN}${nl}        listen [::]:${HTTPS_PORT} ssl http2 default_server ipv6only=on;"
fi

STATUS_SERVER=""
if [ -n "${STATUS_PORT:-}" ]; then
    STATUS_SERVER="$(cat <<EOF
    # Local-only probe and connection counters (container HEALTHCHECK, monitoring).
    server {
        listen 127.0.0.1:${STATUS_PORT};
        access_log off;
        location = /nginx-health { default_type text/plain; return 200 "ok"; }
        location = /nginx-status { stub_status; }
        location / { return 404; }
    }
EOF
)"
fi

# Header sets: every response gets COMMON; the SPA's own files also get a CSP
# and frame protection (add_header in a location replaces the server's list).
# The email preview is an iframe srcdoc, which inherits this policy: its web fonts
# and https images must load, its scripts must not.
csp="default-src 'self'; img-src 'self' data: blob: https:; style-src 'self' 'unsafe-inline' https:; font-src 'self' data: https:; script-src 'self'; connect-src 'self'${UPLOAD_ORIGINS:+ ${UPLOAD_ORIGINS}}; frame-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
common_headers() {  # common_headers INDENT
    printf '%sadd_header Strict-Transport-Security "max-age=63072000; includeSubDomains" always;\n' "$1"
    printf '%sadd_header X-Content-Type-Options "nosniff" always;\n' "$1"
    printf '%sadd_header Referrer-Policy "strict-origin-when-cross-origin" always;\n' "$1"
    printf '%sadd_header Permissions-Policy "camera=(), microphone=(), geolocation=()" always;\n' "$1"
    printf '%sadd_header X-Request-ID $req_id always;' "$1"
}
COMMON_SECURITY_HEADERS="$(common_headers '        ')"
spa_headers() {  # spa_headers INDENT
    common_headers "$1"
    printf '\n%sadd_header X-Frame-Options "DENY" always;' "$1"
    printf '\n%sadd_header Content-Security-Policy "%s" always;' "$1" "$csp"
}
SPA_SECURITY_HEADERS="$(spa_headers '            ')"

mkdir -p "$RUNTIME_DIR"

export USER_DIRECTIVE COMMON_SECURITY_HEADERS SPA_SECURITY_HEADERS STATUS_SERVER UPSTREAM_SERVERS HTTP_LISTEN HTTPS_LISTEN HTTPS_PORT_SUFFIX CERT KEY STATIC_ROOT \
    HTTP_DEFAULT_LISTEN HTTPS_DEFAULT_LISTEN PUBLIC_HOST API_DOCS_STATE API_DOCS_LOCATION SERVER_NAME ACME_ROOT RUNTIME_DIR ACCESS_LOG ERROR_LOG MIME_TYPES WORKER_PROCESSES

# Only our UPPER_CASE placeholders are substituted; nginx's $variables stay as they are.
vars='${USER_DIRECTIVE} ${COMMON_SECURITY_HEADERS} ${SPA_SECURITY_HEADERS} ${STATUS_SERVER} ${UPSTREAM_SERVERS} ${HTTP_LISTEN} ${HTTPS_LISTEN} ${HTTP_DEFAULT_LISTEN} ${HTTPS_DEFAULT_LISTEN} ${PUBLIC_HOST} ${API_DOCS_STATE} ${API_DOCS_LOCATION} ${HTTPS_PORT_SUFFIX} ${CERT} ${KEY} ${STATIC_ROOT} ${SERVER_NAME} ${ACME_ROOT} ${RUNTIME_DIR} ${ACCESS_LOG} ${ERROR_LOG} ${MIME_TYPES} ${WORKER_PROCESSES}'

if [ -n "$OUTPUT" ]; then
    mkdir -p "$(dirname "$OUTPUT")"
    envsubst "$vars" < "$TEMPLATE" > "$OUTPUT.tmp"
    mv "$OUTPUT.tmp" "$OUTPUT"
else
    envsubst "$vars" < "$TEMPLATE"
fi
