"""Production topology on one machine: Debian nginx (TLS) -> two uvicorn backends -> PostgreSQL + S3.

Started by scripts/suites/e2e-production.sh (`./scripts/test.sh e2e-production`) with the backend venv's
python. Everything runs on loopback ports chosen at start, in a throwaway directory, and is torn down at the end:

  moto_server (S3 over HTTP) + a fresh PostgreSQL database (dropped at the end) + redis-server
  backend A and backend B (uvicorn, STORAGE_BACKEND=s3, ENVIRONMENT=production; B runs 2 workers),
  trusting X-Forwarded-For from nginx's address (127.0.0.1) only; rate limits shared in Redis
  nginx from infra/nginx/render.sh, self-signed certificate from scripts/gen-dev-cert.sh

Checks: plain HTTP redirects to HTTPS on the configured host, unknown Host headers are refused;
/metrics and the API docs are not reachable through nginx; a spoofed X-Forwarded-For neither
raises the per-IP sign-up budget nor changes the client address in the backends' logs;
scripts/smoke-tests.sh passes while backend A is killed (SIGKILL) in the middle of the flow,
and again with A gone; media links redirect to presigned S3 URLs that serve the image;
backend B's /metrics (both workers) counted the pipeline steps. Exit status 0 only if all pass.
"""

# ruff: noqa: S603 - every command line here is built from fixed paths of this repository

import argparse
import asyncio
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import asyncpg
import boto3
import httpx
import redis
from prometheus_client.parser import text_string_to_metric_families

ROOT = Path(__file__).resolve().parents[2]
BACKEND = ROOT / "backend"
BIN = Path(sys.executable).parent
FAKE_AWS = {"AWS_ACCESS_KEY_ID": "e2e", "AWS_SECRET_ACCESS_KEY": "e2e", "AWS_DEFAULT_REGION": "us-east-1"}


def log(message: str) -> None:
    print(f"\033[1;34m==>\033[0m e2e-prod: {message}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(what: str, check: Callable[[], bool], timeout_s: float, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what}: the process exited with {proc.returncode}")
        try:
            if check():
                return
        except (httpx.HTTPError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what}: not ready after {timeout_s:.0f} s")


class Topology:
    def __init__(self, pg_url: str, keep: bool):
        self.pg_url = pg_url.rstrip("/")
        self.keep = keep
        self.tmp = Path(tempfile.mkdtemp(prefix="hibid-e2e-prod-"))
        # nginx workers run as "nobody" when the master is root: they must reach the runtime dir.
        self.tmp.chmod(0o755)
        self.procs: dict[str, subprocess.Popen] = {}
        self.db_name = f"hibid_e2e_{os.getpid()}_{secrets.token_hex(3)}"
        self.db_created = False
        self.http_port, self.https_port = free_port(), free_port()
        self.base = f"https://127.0.0.1:{self.https_port}"
        self.bucket = "hibid-e2e"
        self.https = httpx.Client()  # replaced by one trusting the test certificate (start_nginx)
        self.cafile = ""
        self.redis_url = ""

    # ---- processes -----------------------------------------------------------------
    def start(self, name: str, argv: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> None:
        out = (self.tmp / f"{name}.log").open("wb")
        self.procs[name] = subprocess.Popen(
            argv,
            env={**os.environ, **(env or {})},
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: uvicorn workers die with it
        )

    def stop(self, name: str, sig: int = signal.SIGTERM) -> None:
        proc = self.procs.get(name)
        if proc is None or proc.poll() is not None:
            return
        os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()

    def tail(self, name: str, lines: int = 25) -> str:
        path = self.tmp / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    # ---- services ------------------------------------------------------------------
    async def _admin(self) -> asyncpg.Connection:
        return await asyncpg.connect(self.pg_url.replace("postgresql+asyncpg://", "postgresql://") + "/postgres")

    async def create_database(self) -> None:
        conn = await self._admin()
        try:
            await conn.execute(f'CREATE DATABASE "{self.db_name}"')
            self.db_created = True
        finally:
            await conn.close()

    async def drop_database(self) -> None:
        if not self.db_created:
            return
        conn = await self._admin()
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
        finally:
            await conn.close()

    def start_s3(self) -> str:
        port = free_port()
        endpoint = f"http://127.0.0.1:{port}"
        self.start("moto", [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)])
        wait_until(
            "moto_server",
            lambda: httpx.get(f"{endpoint}/moto-api/", timeout=1).status_code < 500,
            20,
            self.procs["moto"],
        )
        boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **_creds()).create_bucket(Bucket=self.bucket)
        return endpoint

    def start_redis(self) -> str:
        port = free_port()
        self.start(
            "redis",
            ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        )
        self.redis_url = f"redis://127.0.0.1:{port}/0"
        wait_until("redis-server", self._redis_answers, 20, self.procs["redis"])
        return self.redis_url

    def _redis_answers(self) -> bool:
        try:
            return bool(redis.Redis.from_url(self.redis_url, socket_connect_timeout=1).ping())
        except redis.RedisError:
            return False

    def client_from(self, source_ip: str) -> httpx.Client:
        """An HTTPS client whose connections to nginx leave from `source_ip` (any 127.x address)."""
        transport = httpx.HTTPTransport(local_address=source_ip, verify=ssl.create_default_context(cafile=self.cafile))
        return httpx.Client(transport=transport, timeout=10)

    def backend_env(self, s3_endpoint: str) -> dict[str, str]:
        return {
            **FAKE_AWS,
            "ENVIRONMENT": "production",
            "LOG_LEVEL": "INFO",
            "DATABASE_URL": f"{self.pg_url}/{self.db_name}",
            "DB_POOL_SIZE": "5",
            "STORAGE_BACKEND": "s3",
            "S3_BUCKET": self.bucket,
            "S3_ENDPOINT_URL": s3_endpoint,
            "S3_PREFIX": "e2e",
            "AWS_REGION": "us-east-1",
            "BACKEND_URL": self.base,
            "ALLOW_PRIVATE_BACKEND_URL": "true",  # https://127.0.0.1: a test topology, not a public origin
            "FRONTEND_URL": self.base,
            "ALLOWED_ORIGINS": self.base,
            "FRONTEND_DIST": "",
            "SECRET_KEY": secrets.token_hex(32),
            "OPENAI_API_KEY": "",
            # Shared limits: three processes behind nginx count one budget per client address.
            "REDIS_URL": self.redis_url,
            "MEDIA_ROOT": str(self.tmp / "unused-media"),
            "FIRST_ADMIN_EMAIL": "",
            "FIRST_ADMIN_PASSWORD": "",
            # A developer's .env (scripts/dev.sh copies .env.example) must not decide this run.
            "POSTGRES_PASSWORD": "",
            "API_DOCS_ENABLED": "",
            "IMAGE_WORKERS": "2",
        }

    def start_backends(self, s3_endpoint: str) -> dict[str, int]:
        env = self.backend_env(s3_endpoint)
        ports = {"backend-a": free_port(), "backend-b": free_port()}
        # Both start at once on an empty database: the migration lock must let exactly one migrate.
        for name, port in ports.items():
            argv = [
                str(BIN / "uvicorn"),
                "app.main:app",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--proxy-headers",
                # nginx's address, as production trusts only nginx's (never "*").
                "--forwarded-allow-ips",
                "127.0.0.1",
                "--no-server-header",
            ]
            extra = dict(env)
            if name == "backend-b":
                metrics_dir = self.tmp / "prometheus-b"
                metrics_dir.mkdir()
                extra["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)
                argv += ["--workers", "2"]
            self.start(name, argv, extra, cwd=BACKEND)
        for name, port in ports.items():
            wait_until(
                name,
                lambda p=port: httpx.get(f"http://127.0.0.1:{p}/health/ready", timeout=3).status_code == 200,
                90,
                self.procs[name],
            )
        return ports

    def start_nginx(self, ports: dict[str, int]) -> None:
        certs = self.tmp / "certs"
        subprocess.run([str(ROOT / "scripts/gen-dev-cert.sh"), str(certs)], check=True, stdout=subprocess.DEVNULL)
        # Clients check the certificate for real: it is its own CA, valid for 127.0.0.1.
        self.cafile = str(certs / "cert.pem")
        self.https = httpx.Client(verify=ssl.create_default_context(cafile=self.cafile), timeout=10)
        static = self.tmp / "static"
        static.mkdir()
        (static / "index.html").write_text("<!doctype html><title>HiBid Email</title><div id=root></div>")
        runtime = self.tmp / "nginx"
        env = {
            "UPSTREAMS": " ".join(f"127.0.0.1:{p}" for p in ports.values()),
            "CERT": str(certs / "cert.pem"),
            "KEY": str(certs / "key.pem"),
            "STATIC_ROOT": str(static),
            "SERVER_NAME": "127.0.0.1",
            "HTTP_PORT": str(self.http_port),
            "HTTPS_PORT": str(self.https_port),
            "RUNTIME_DIR": str(runtime),
            "ACME_ROOT": str(self.tmp / "acme"),
            "ACCESS_LOG": str(self.tmp / "nginx-access.log"),
            "ERROR_LOG": str(self.tmp / "nginx-error.log"),
            "WORKER_PROCESSES": "2",
        }
        conf = runtime / "nginx.conf"
        subprocess.run([str(ROOT / "infra/nginx/render.sh"), "-o", str(conf)], env={**os.environ, **env}, check=True)
        runtime.chmod(0o755)
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        test = subprocess.run([nginx, "-t", "-q", "-c", str(conf), "-p", str(runtime)], capture_output=True, text=True)
        if test.returncode != 0:
            raise RuntimeError(f"nginx -t failed:\n{test.stderr}")
        self.start("nginx", [nginx, "-c", str(conf), "-p", str(runtime), "-g", "daemon off;"])
        wait_until("nginx", lambda: self.https.get(f"{self.base}/health").status_code == 200, 20, self.procs["nginx"])

    def teardown(self) -> None:
        for name in ("nginx", "backend-a", "backend-b", "moto", "redis"):
            with contextlib.suppress(ProcessLookupError):
                self.stop(name)
        self.https.close()
        try:
            asyncio.run(self.drop_database())
        except Exception as exc:  # teardown must go on
            print(f"could not drop {self.db_name}: {exc}", file=sys.stderr)
        if self.keep:
            log(f"kept {self.tmp}")
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)


def _creds() -> dict[str, str]:
    return {
        "aws_access_key_id": FAKE_AWS["AWS_ACCESS_KEY_ID"],
        "aws_secret_access_key": FAKE_AWS["AWS_SECRET_ACCESS_KEY"],
    }


# ---- checks ----------------------------------------------------------------------------
def check_http_redirects(t: Topology) -> None:
    r = httpx.get(f"http://127.0.0.1:{t.http_port}/api/v1/campaigns?limit=5", follow_redirects=False, timeout=5)
    want = f"https://127.0.0.1:{t.https_port}/api/v1/campaigns?limit=5"
    if r.status_code not in (301, 308) or r.headers.get("location") != want:
        raise AssertionError(f"plain HTTP: {r.status_code} {r.headers.get('location')!r}, want 301/308 to {want}")
    log(f"plain HTTP answers {r.status_code} -> {r.headers['location']}")
    forged = {"Host": "evil.example"}
    try:
        r = httpx.get(f"http://127.0.0.1:{t.http_port}/x", headers=forged, follow_redirects=False, timeout=5)
        where = r.headers.get("location")
        raise AssertionError(f"plain HTTP with Host evil.example answered {r.status_code} {where!r}, want 444")
    except httpx.RemoteProtocolError:
        pass  # 444: nginx closed the connection without an answer
    r = t.https.get(f"{t.base}/api/v1/campaigns", headers=forged)
    if r.status_code != 421:
        raise AssertionError(f"HTTPS with Host evil.example answered {r.status_code}, want 421")
    log("unknown Host header: plain HTTP closed unanswered (444), HTTPS 421")


def check_edge(t: Topology) -> None:
    r = t.https.get(f"{t.base}/health")
    if "max-age" not in r.headers.get("strict-transport-security", ""):
        raise AssertionError("HTTPS responses lack HSTS")
    metrics = t.https.get(f"{t.base}/metrics")
    if metrics.status_code != 404:
        raise AssertionError(f"/metrics through nginx answered {metrics.status_code}, want 404")
    for path in ("/docs", "/redoc", "/openapi.json"):
        if (code := t.https.get(f"{t.base}{path}").status_code) != 404:
            raise AssertionError(f"{path} through nginx answered {code}, want 404 (API_DOCS_ENABLED is off)")
    log("HTTPS: HSTS set, /metrics and the API docs hidden from the internet")


def access_lines(t: Topology) -> Iterator[dict]:
    """The backends' uvicorn access lines (JSON log objects), from both log files."""
    for name in ("backend-a", "backend-b"):
        for line in t.tail(name, 100_000).splitlines():
            with contextlib.suppress(ValueError):
                entry = json.loads(line)
                if isinstance(entry, dict) and entry.get("logger") == "uvicorn.access":
                    yield entry


def check_spoofed_forwarded_for(t: Topology) -> None:
    """Rotating X-Forwarded-For through nginx neither raises the per-IP budget nor lands in the logs.

    Sign-up allows RATE_LIMIT_LOGIN (10/minute) per client address, counted in Redis across all three
    backend processes. The budget of 127.0.0.1 is reset first (the smoke tests also sign up from it).
    """
    redis.Redis.from_url(t.redis_url).delete("hibid:rl:login:ip:127.0.0.1")
    spoofed = [f"198.51.100.{i}" for i in range(1, 12)]
    codes = []
    for i, fake in enumerate(spoofed):
        body = {"email": f"spoof-{i}-{secrets.token_hex(3)}@example.com", "password": secrets.token_urlsafe(16)}
        r = t.https.post(f"{t.base}/api/v1/auth/register", json=body, headers={"X-Forwarded-For": fake})
        codes.append(r.status_code)
    if any(c == 429 for c in codes[:10]) or codes[10] != 429:
        raise AssertionError(f"11 sign-ups with rotating X-Forwarded-For answered {codes}: want 10 accepted, then 429")
    # The address the app saw is the one nginx saw: from 127.0.0.2 that is 127.0.0.2, whatever the header says.
    with t.client_from("127.0.0.2") as other:
        other.get(f"{t.base}/api/v1/auth/me", headers={"X-Forwarded-For": "198.51.100.99"})
    time.sleep(0.5)  # let the access line reach the log file
    lines = list(access_lines(t))
    logged = {e.get("client") for e in lines}
    invented = sorted(logged & {*spoofed, "198.51.100.99"})
    if invented:
        raise AssertionError(f"backend access logs hold spoofed client addresses {invented}")
    register_clients = {e.get("client") for e in lines if e.get("path") == "/api/v1/auth/register"}
    if register_clients != {"127.0.0.1"}:
        raise AssertionError(f"sign-ups were logged from {register_clients}, want only 127.0.0.1")
    me_clients = {e.get("client") for e in lines if str(e.get("path", "")).startswith("/api/v1/auth/me")}
    if "127.0.0.2" not in me_clients:
        raise AssertionError(f"a request from 127.0.0.2 was logged from {me_clients}, want 127.0.0.2")
    redis.Redis.from_url(t.redis_url).delete("hibid:rl:login:ip:127.0.0.1")  # the smoke tests sign up next
    log(f"spoofed X-Forwarded-For: sign-ups {codes} (10 then 429); logs name the real client, never the header")


def accounts_enabled(t: Topology) -> bool:
    return t.https.get(f"{t.base}/api/v1/auth/me").status_code != 404


def smoke(t: Topology, env: dict[str, str], on_line: Callable[[str], None] | None = None) -> None:
    proc = subprocess.Popen(
        [str(ROOT / "scripts/smoke-tests.sh"), "-k", t.base],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        print(f"      | {line.rstrip()}", flush=True)
        if on_line:
            on_line(line)
    if proc.wait() != 0:
        raise AssertionError(f"smoke tests failed (exit {proc.returncode})")


def sign_in(t: Topology, email: str, password: str) -> dict[str, str]:
    r = t.https.post(f"{t.base}/api/v1/auth/login", data={"username": email, "password": password})
    r.raise_for_status()
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def check_media(t: Topology, headers: dict[str, str]) -> None:
    page = t.https.get(f"{t.base}/api/v1/campaigns", headers=headers)
    page.raise_for_status()
    items = page.json()["items"]
    if not items or not items[0].get("thumbnail_url"):
        raise AssertionError(f"no campaign with a thumbnail: {page.text[:300]}")
    url = items[0]["thumbnail_url"]
    if not url.startswith(f"{t.base}/media/campaigns/"):
        raise AssertionError(f"image links should go through BACKEND_URL/media: {url}")
    hop = t.https.get(url)
    if hop.status_code != 307 or "X-Amz-Signature=" not in hop.headers.get("location", ""):
        raise AssertionError(f"/media: {hop.status_code} {hop.headers.get('location')!r}, want 307 to a presigned URL")
    image = httpx.get(hop.headers["location"], timeout=10)
    if image.status_code != 200 or not image.headers.get("content-type", "").startswith("image/"):
        raise AssertionError(f"presigned URL: {image.status_code} {image.headers.get('content-type')}")
    log(f"media link -> 307 -> S3 presigned URL -> {image.status_code} {image.headers['content-type']}")


def check_metrics(port: int) -> None:
    text = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
    counts = {
        s.labels.get("step"): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
        if s.name == "hibid_pipeline_step_duration_seconds_count"
    }
    missing = [s for s in ("upload", "process", "generate", "preview", "approve", "download") if counts.get(s, 0) < 1]
    if missing:
        raise AssertionError(f"backend B's /metrics lacks pipeline steps {missing}: {counts}")
    log(f"backend B /metrics (2 workers, one scrape): pipeline steps {dict(sorted(counts.items()))}")


def check_migrated_once(t: Topology) -> None:
    """Both backends started on the empty database at once: each revision ran exactly once."""
    upgrades = {
        name: [line for line in t.tail(name, 10_000).splitlines() if "Running upgrade" in line]
        for name in ("backend-a", "backend-b")
    }
    ran = [line.split("Running upgrade", 1)[1] for lines in upgrades.values() for line in lines]
    if not ran or len(ran) != len(set(ran)):
        raise AssertionError(f"migrations did not run exactly once: {upgrades}")
    log(f"migrations: {len(ran)} revision(s) applied once, by {[n for n, lines in upgrades.items() if lines]}")


def run(t: Topology) -> None:
    log(f"work dir {t.tmp}")
    s3 = t.start_s3()
    log(f"moto_server at {s3}, bucket {t.bucket}")
    asyncio.run(t.create_database())
    log(f"database {t.db_name} created")
    log(f"redis-server at {t.start_redis()} (shared rate limits)")
    started = time.monotonic()
    ports = t.start_backends(s3)
    log(f"backends ready in {time.monotonic() - started:.1f} s (migrated concurrently): {ports}")
    check_migrated_once(t)
    t.start_nginx(ports)
    log(f"nginx: http://127.0.0.1:{t.http_port} and {t.base}")

    check_http_redirects(t)
    check_edge(t)
    check_spoofed_forwarded_for(t)

    env = {"SMOKE_RETRIES": "3", "SMOKE_TIMEOUT": "30"}
    email, password = f"e2e-{secrets.token_hex(4)}@example.com", secrets.token_urlsafe(16)
    if accounts_enabled(t):
        env |= {"SMOKE_EMAIL": email, "SMOKE_PASSWORD": password, "SMOKE_REGISTER": "1"}

    killed = False

    def kill_a_after_upload(line: str) -> None:
        nonlocal killed
        if not killed and line.split()[:2] == ["ok", "upload"]:
            t.stop("backend-a", signal.SIGKILL)
            killed = True
            log("backend A killed (SIGKILL) right after the upload step")

    log("smoke tests, round 1: backend A dies mid-flow")
    smoke(t, env, kill_a_after_upload)
    if not killed or t.procs["backend-a"].poll() is None:
        raise AssertionError("backend A was not killed during the run")
    log("smoke tests, round 2: backend A stays down")
    smoke(t, env)

    if "SMOKE_EMAIL" in env:
        check_media(t, sign_in(t, email, password))
    check_metrics(ports["backend-b"])
    log("all checks passed")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("E2E_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432"),
        help="server URL without a database name",
    )
    parser.add_argument("--keep", action="store_true", help="keep the work directory (logs) afterwards")
    args = parser.parse_args()
    t = Topology(args.postgres_url, args.keep)

    def interrupted(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, interrupted)
    try:
        run(t)
        return 0
    except (Exception, KeyboardInterrupt) as exc:
        print(f"\nFAIL e2e-prod: {exc}", file=sys.stderr)
        for name in ("backend-a", "backend-b", "nginx"):
            if tail := t.tail(name):
                print(f"--- {name} (last lines) ---\n{tail}", file=sys.stderr)
        err = t.tmp / "nginx-error.log"
        if err.exists():
            print(f"--- nginx error log ---\n{err.read_text(errors='replace')[-3000:]}", file=sys.stderr)
        return 1
    finally:
        t.teardown()


if __name__ == "__main__":
    sys.exit(main())
