#!/usr/bin/env bash
# Walk the whole advertiser flow against a running deployment and time each step:
# health -> (sign in) -> upload -> process -> generate -> preview -> approve -> download.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/smoke-tests.sh [-k] BASE_URL

  BASE_URL   e.g. https://email.example.com or https://127.0.0.1:8443 (no trailing /api)
  -k         accept a self-signed certificate (same as SMOKE_INSECURE=1)

Environment:
  SMOKE_EMAIL, SMOKE_PASSWORD  sign in first (POST $SMOKE_LOGIN_PATH, form fields username and
                               password, OAuth2 password flow); the bearer token goes on every call
  SMOKE_REGISTER=1             create that account first (POST /api/v1/auth/register: 202 whether or not
                               it existed; older servers: 201, or 409 = exists)
  SMOKE_LOGIN_PATH             default /api/v1/auth/login
  SMOKE_INSECURE=1             like -k
  SMOKE_RETRIES                retries of a step answered 502/503/504 or not answered at all,
                               e.g. while a replica restarts (default 1)
  SMOKE_TIMEOUT                seconds per request (default 30)
  SMOKE_KEEP=1                 keep the work directory (responses, the ZIP) for inspection

Prints one line per step with its HTTP status and time; exits non-zero on the first failure.
EOF
}

insecure="${SMOKE_INSECURE:-0}"
base=""
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    -k|--insecure) insecure=1; shift ;;
    -*) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
    *) base="$1"; shift ;;
  esac
done
[ -n "$base" ] || { usage >&2; exit 2; }
base="${base%/}"
api="$base/api/v1"
retries="${SMOKE_RETRIES:-1}"
timeout="${SMOKE_TIMEOUT:-30}"

for tool in curl python3; do
  command -v "$tool" >/dev/null || { echo "smoke-tests: $tool is required" >&2; exit 1; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/smoke.XXXXXX")"
if [ "${SMOKE_KEEP:-0}" = "1" ]; then
  echo "work directory: $work"
else
  trap 'rm -rf "$work"' EXIT
fi

curl_opts=(--silent --show-error --max-time "$timeout" --cookie-jar "$work/cookies" --cookie "$work/cookies"
           -H "X-Request-ID: smoke-$(date +%s)-$$")
[ "$insecure" = "1" ] && curl_opts+=(--insecure)
auth=()
total_start=$(date +%s.%N)

fail() { printf 'FAIL  %s\n' "$*" >&2; exit 1; }

# json FILE EXPR: evaluate a Python expression on the parsed JSON body `d`.
json() {
  python3 - "$1" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
v = eval(sys.argv[2], {"d": d})  # expressions are fixed strings in this script
print("" if v is None else v)
PY
}

# step NAME EXPECTED_STATUS CURL_ARGS...: run one call, retrying on 502/503/504 or no answer.
step() {
  local name="$1" want="$2"; shift 2
  local attempt=0 code time out="$work/$name.body"
  while :; do
    set +e
    read -r code time < <(curl "${curl_opts[@]}" "${auth[@]}" -o "$out" -w '%{http_code} %{time_total}\n' "$@" 2>"$work/$name.err"; echo)
    set -e
    code="${code:-000}"
    if [ "$code" = "$want" ]; then
      printf 'ok    %-10s %s  %6.3fs\n' "$name" "$code" "$time"
      last_body="$out"
      return 0
    fi
    case "$code" in
      000|502|503|504)
        if [ "$attempt" -lt "$retries" ]; then
          attempt=$((attempt + 1))
          printf 'retry %-10s %s  (attempt %d of %d)\n' "$name" "$code" "$((attempt + 1))" "$((retries + 1))"
          sleep 1
          continue
        fi ;;
    esac
    printf 'FAIL  %-10s got %s, want %s (%ss)\n' "$name" "$code" "$want" "${time:-?}" >&2
    head -c 600 "$out" 2>/dev/null >&2 || true
    cat "$work/$name.err" >&2 || true
    echo >&2
    exit 1
  done
}

# A small but real PNG (gradient), made without any image library.
make_png() {  # make_png PATH WIDTH HEIGHT
  python3 - "$@" <<'PY'
import struct, sys, zlib
path, w, h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = b"".join(b"\x00" + bytes(v for x in range(w) for v in (x * 255 // w, y * 255 // h, 160)) for y in range(h))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
open(path, "wb").write(png)
PY
}

echo "smoke tests against $base"

step health 200 "$base/health"
step ready 200 "$base/health/ready"

if [ -n "${SMOKE_EMAIL:-}" ] && [ -n "${SMOKE_PASSWORD:-}" ]; then
  if [ "${SMOKE_REGISTER:-0}" = "1" ]; then
    python3 -c 'import json,os,sys; json.dump({"email": os.environ["SMOKE_EMAIL"], "password": os.environ["SMOKE_PASSWORD"]}, sys.stdout)' > "$work/register.json"
    code="$(curl "${curl_opts[@]}" -o "$work/register.body" -w '%{http_code}' -X POST \
      -H 'Content-Type: application/json' --data-binary "@$work/register.json" "$api/auth/register" || echo 000)"
    case "$code" in
      202) printf 'ok    %-10s %s  (created, or it existed: sign-in tells)\n' register "$code" ;;
      201) printf 'ok    %-10s %s  (account created)\n' register "$code" ;;
      409) printf 'ok    %-10s %s  (account exists)\n' register "$code" ;;
      *) fail "register answered $code: $(head -c 300 "$work/register.body" 2>/dev/null)" ;;
    esac
  fi
  # OAuth2 password flow: form fields username (the email) and password.
  step sign-in 200 -X POST --data-urlencode "username=$SMOKE_EMAIL" --data-urlencode "password=$SMOKE_PASSWORD" \
    "$base${SMOKE_LOGIN_PATH:-/api/v1/auth/login}"
  token="$(json "$last_body" 'd.get("access_token") or ""' 2>/dev/null || true)"
  [ -n "$token" ] || fail "sign-in answered without an access_token"
  auth=(-H "Authorization: Bearer $token")
fi

make_png "$work/logo.png" 240 80
make_png "$work/hero.png" 600 400
step upload 201 -X POST "$api/upload" \
  -F "campaign_name=Smoke test $(date -u +%Y-%m-%dT%H:%M:%SZ)" \
  -F "advertiser_name=Smoke Test Auctioneers" \
  -F "text_content=Estate auction on Saturday at 10 am: antique furniture, tools, a 1967 pickup truck and coins. Preview Friday 4-7 pm. Online bidding open." \
  -F "cta_url=https://example.com/auction" \
  -F "logo=@$work/logo.png;type=image/png" \
  -F "hero_images=@$work/hero.png;type=image/png"
id="$(json "$last_body" 'd["id"]')"
[ -n "$id" ] || fail "upload answered without a campaign id"

step process 200 -X POST "$api/process/$id"
echo "      copy source: $(json "$last_body" 'd.get("source") or (d.get("copy") or {}).get("source") or "?"' 2>/dev/null || echo '?')"

step generate 201 -X POST "$api/generate/$id"
version="$(json "$last_body" 'd["version"]')"

step preview 200 "$api/preview/$id"
step email-html 200 "$api/preview/$id?format=html"
grep -qi '<html' "$last_body" || fail "preview?format=html is not an HTML document"

printf '{"decision": "approve", "comment": "smoke test", "proof_version": %s}' "$version" > "$work/approve.json"
step approve 200 -X POST -H 'Content-Type: application/json' --data-binary "@$work/approve.json" "$api/approve/$id"

step download 200 "$api/download/$id"
python3 - "$last_body" <<'PY' || fail "download is not a usable ZIP"
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    names = z.namelist()
    assert z.testzip() is None, "corrupt member"
    assert any(n.endswith(".html") for n in names), f"no HTML in {names}"
    print(f"      zip: {len(names)} files, {sum(i.file_size for i in z.infolist())} bytes unpacked")
PY

total=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$total_start" "$(date +%s.%N)")
echo "smoke tests passed: campaign $id, proof v$version, ${total}s in all"
