#!/usr/bin/env bash
# Behaviour test of the production nginx config on this machine's nginx:
# renders the template with two stub backends on loopback and a throwaway
# certificate, then checks what docs/DEPLOYMENT.md promises (redirect, refusal of
# unknown host names, the client address passed on, API docs hidden unless enabled,
# headers, caching, SPA fallback, upload limit, rate limit, failover to the other replica).
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: infra/nginx/selftest.sh [--help]

Needs nginx, curl, openssl and python3. Uses ports 28080/28443 (nginx) and
28001/28002 (stub backends) unless NGINX_SELFTEST_PORT_BASE changes 28000.
Prints one line per assertion; exits non-zero on the first failure.
EOF
}
[ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ] && { usage; exit 0; }

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
base="${NGINX_SELFTEST_PORT_BASE:-28000}"
http_port=$((base + 80)) https_port=$((base + 443)) be1=$((base + 1)) be2=$((base + 2))
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
work="$(mktemp -d "${TMPDIR:-/tmp}/nginx-selftest.XXXXXX")"
# When nginx starts as root its workers run as nobody: they must reach these files.
chmod 755 "$work"
pids=()
cleanup() {
  [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# Stub backend: answers every request with its own port, reading the body first.
cat > "$work/stub.py" <<'PY'
import http.server, json, sys
port = int(sys.argv[1])
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def _answer(self):
        self.rfile.read(int(self.headers.get("content-length") or 0))
        body = json.dumps({"port": port, "path": self.path,
                           "proto": self.headers.get("x-forwarded-proto"),
                           "request_id": self.headers.get("x-request-id"),
                           "xff": self.headers.get_all("x-forwarded-for"),
                           "real_ip": self.headers.get("x-real-ip")}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.send_header("x-frame-options", "SAMEORIGIN")
        self.end_headers()
        self.wfile.write(body)
    do_GET = do_POST = _answer
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
PY
python3 "$work/stub.py" "$be1" & pids+=($!)
python3 "$work/stub.py" "$be2" & pids+=($!)

"$ROOT/scripts/gen-dev-cert.sh" "$work/cert" >/dev/null
mkdir -p "$work/static/assets"
echo '<!doctype html><title>HiBid</title><div id="root"></div>' > "$work/static/index.html"
python3 -c 'print("\n".join(f"console.log({i});" for i in range(300)))' > "$work/static/assets/index-abc123.js"

render() {  # render [VAR=VALUE...]: the config for this test, with any setting changed
  env UPSTREAMS="127.0.0.1:$be1 127.0.0.1:$be2" CERT="$work/cert/cert.pem" KEY="$work/cert/key.pem" \
    STATIC_ROOT="$work/static" HTTP_PORT="$http_port" HTTPS_PORT="$https_port" SERVER_NAME="127.0.0.1 localhost" \
    RUNTIME_DIR="$work/nginx" ACCESS_LOG="$work/nginx/access.log" ERROR_LOG="$work/nginx/error.log" \
    WORKER_PROCESSES=1 "$@" "$HERE/render.sh" -o "$work/nginx/nginx.conf"
}
render
"$NGINX" -q -c "$work/nginx/nginx.conf"
for _ in $(seq 50); do
  curl -sk -o /dev/null "https://127.0.0.1:$https_port/" && curl -s -o /dev/null "http://127.0.0.1:$be1/" \
    && curl -s -o /dev/null "http://127.0.0.1:$be2/" && break
  sleep 0.1
done

https="https://127.0.0.1:$https_port"
failures=0
assert() {  # assert DESCRIPTION COMMAND...: pass when COMMAND succeeds
  local what="$1"; shift
  if "$@" >/dev/null 2>&1; then printf 'ok    %s\n' "$what"; else printf 'FAIL  %s\n' "$what"; failures=$((failures + 1)); fi
}
headers() { curl -sk -o /dev/null -D - "$@" | tr -d '\r'; }
has() { grep -qi -- "$1"; }

assert "http redirects to https with path and query" \
  sh -c "curl -s -o /dev/null -w '%{http_code} %{redirect_url}' 'http://127.0.0.1:$http_port/campaigns/1?x=2' | grep -qx '301 https://127.0.0.1:$https_port/campaigns/1?x=2'"
assert "http redirect goes to the configured host, not the Host header" \
  sh -c "curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H 'Host: localhost' 'http://127.0.0.1:$http_port/x' | grep -qx '301 https://127.0.0.1:$https_port/x'"
assert "http with an unknown Host is closed unanswered (444), not redirected" \
  sh -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: evil.example' 'http://127.0.0.1:$http_port/x')\" = 000 ]"
assert "https with an unknown Host answers 421" \
  sh -c "[ \"\$(curl -sk -o /dev/null -w '%{http_code}' -H 'Host: evil.example' '$https/api/v1/campaigns')\" = 421 ]"
assert "https with an unknown SNI name and Host answers 421" \
  sh -c "[ \"\$(curl -sk -o /dev/null -w '%{http_code}' --resolve 'evil.example:$https_port:127.0.0.1' 'https://evil.example:$https_port/')\" = 421 ]"
assert "https for a second SERVER_NAME is served" \
  sh -c "[ \"\$(curl -sk -o /dev/null -w '%{http_code}' -H 'Host: localhost' '$https/')\" = 200 ]"
assert "render refuses a missing or catch-all SERVER_NAME" \
  sh -c "! SERVER_NAME= UPSTREAMS=x CERT=x KEY=x STATIC_ROOT=x '$HERE/render.sh' && ! SERVER_NAME=_ UPSTREAMS=x CERT=x KEY=x STATIC_ROOT=x '$HERE/render.sh'"
assert "a spoofed X-Forwarded-For is replaced by the client address" \
  sh -c "curl -sk -H 'X-Forwarded-For: 203.0.113.7' -H 'X-Real-IP: 203.0.113.8' '$https/api/v1/campaigns' | grep -q '\"xff\": \\[\"127.0.0.1\"\\], \"real_ip\": \"127.0.0.1\"'"
assert "TLS 1.1 refused" sh -c "! curl -sk --tlsv1.1 --tls-max 1.1 -o /dev/null '$https/'"
assert "HSTS on the SPA" sh -c "curl -sk -o /dev/null -D - '$https/' | grep -qi '^strict-transport-security: max-age=63072000'"
assert "CSP and X-Frame-Options DENY on the SPA" \
  sh -c "curl -sk -o /dev/null -D - '$https/' | grep -qi '^content-security-policy: default-src' && curl -sk -o /dev/null -D - '$https/' | grep -qi '^x-frame-options: DENY'"
assert "index.html served 200 and no-cache" \
  sh -c "curl -sk -o /dev/null -D - '$https/' | grep -q '^HTTP/2 200' && curl -sk -o /dev/null -D - '$https/' | grep -qi '^cache-control: no-cache'"
assert "SPA fallback for client routes" sh -c "curl -sk '$https/campaigns/123/preview' | grep -q 'id=\"root\"'"
assert "hashed assets served 200, cached for a year, immutable" \
  sh -c "curl -sk -o /dev/null -D - '$https/assets/index-abc123.js' | grep -q '^HTTP/2 200' && curl -sk -o /dev/null -D - '$https/assets/index-abc123.js' | grep -qi '^cache-control: public, max-age=31536000, immutable'"
assert "missing asset is 404, not the SPA" sh -c "[ \"\$(curl -sk -o /dev/null -w '%{http_code}' '$https/assets/nope.js')\" = 404 ]"
assert "API proxied with X-Forwarded-Proto https and a request id" \
  sh -c "curl -sk '$https/api/v1/campaigns' | grep -q '\"proto\": \"https\"' && curl -sk '$https/api/v1/campaigns' | grep -q '\"request_id\": \"[0-9a-f]'"
assert "API keeps the backend's X-Frame-Options (one copy)" \
  sh -c "[ \"\$(curl -sk -o /dev/null -D - '$https/api/v1/campaigns' | grep -ci '^x-frame-options: SAMEORIGIN')\" = 1 ]"
assert "caller's X-Request-ID passed through" \
  sh -c "curl -sk -H 'X-Request-ID: selftest-123456' '$https/api/v1/campaigns' | grep -q 'selftest-123456'"
assert "/metrics not exposed" sh -c "[ \"\$(curl -sk -o /dev/null -w '%{http_code}' '$https/metrics')\" = 404 ]"
assert "health proxied" sh -c "curl -sk '$https/health' | grep -q port"
for path in /docs /docs/oauth2-redirect /docs/assets/swagger-ui-bundle.js /redoc /openapi.json; do
  assert "API docs hidden by default: $path answers 404" \
    sh -c "[ \"\$(curl -sk -o /dev/null -w '%{http_code}' '$https$path')\" = 404 ]"
done
assert "gzip for JavaScript" sh -c "curl -sk -H 'Accept-Encoding: gzip' -o /dev/null -D - '$https/assets/index-abc123.js' | grep -qi '^content-encoding: gzip'"

head -c $((24 * 1024 * 1024)) /dev/zero > "$work/24m"
head -c $((26 * 1024 * 1024)) /dev/zero > "$work/26m"
assert "24 MB upload accepted" sh -c "[ \"\$(curl -sk -o /dev/null -w '%{http_code}' -F 'logo=@$work/24m' '$https/api/v1/upload')\" = 200 ]"
assert "26 MB upload refused with 413" sh -c "[ \"\$(curl -sk -o /dev/null -w '%{http_code}' -F 'logo=@$work/26m' '$https/api/v1/upload')\" = 413 ]"
sleep 1.2  # let the upload zone's bucket drain before the next assertions

login_codes="$(for _ in $(seq 10); do curl -sk -o /dev/null -w '%{http_code}\n' -X POST "$https/api/v1/auth/login"; done | sort | uniq -c | tr '\n' ' ')"
assert "sign-in rate limited (10 quick tries: $login_codes)" sh -c "echo '$login_codes' | grep -q ' 429'"

ports_seen="$(for _ in 1 2 3 4; do curl -sk "$https/api/v1/campaigns"; echo; done | grep -o '"port": [0-9]*' | sort -u | wc -l)"
assert "requests spread over both replicas" [ "$ports_seen" = 2 ]
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true
ok_after_kill="$(for _ in 1 2 3 4 5 6; do curl -sk -o /dev/null -w '%{http_code}\n' -X POST -F a=b "$https/api/v1/upload"; sleep 0.1; done | grep -c '^200$' || true)"
assert "one replica killed: every request still answered 200 ($ok_after_kill/6)" [ "$ok_after_kill" = 6 ]

# API_DOCS_ENABLED=true: the same config with the docs proxied (reloaded in place).
render API_DOCS_ENABLED=true
# A reload on a busy machine can take seconds before new workers answer: wait for the docs config (up to 30 s).
"$NGINX" -q -c "$work/nginx/nginx.conf" -s reload 2>/dev/null
for _ in $(seq 300); do curl -sk "$https/openapi.json" | grep -q port && break; sleep 0.1; done
docs_proxied() {
  local p
  for p in /docs /docs/assets/x.js /redoc /openapi.json; do
    curl -sk "$https$p" | grep -qF "\"path\": \"$p\"" || return 1
  done
}
assert "API_DOCS_ENABLED=true: /docs, its assets, /redoc and /openapi.json proxied" docs_proxied

if [ "$failures" -gt 0 ]; then
  echo "nginx selftest: $failures failure(s); error log:"; tail -20 "$work/nginx/error.log" || true
  exit 1
fi
echo "nginx selftest: all passed"
