"""Web and worker processes on this machine sharing one SQLite file, one media folder and one Redis.

Each test gets its own Redis key namespace (in DB 12, away from the rate-limit tests' DB 0).
"""

# ruff: noqa: S603  (fixed commands: this venv's python with our own arguments)

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dramatiq
import httpx
import redis
from dramatiq.brokers.redis import RedisBroker
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from tests.support.factories import SALE_TEXT, png
from tests.support.settings import POSTGRES_URL

BACKEND = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/12"
PASSWORD = "quiet lantern orchard 42"  # noqa: S105 - test-only account


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Proc:
    name: str
    popen: subprocess.Popen[bytes]
    log: Path
    base_url: str = ""

    def lines(self) -> list[dict[str, Any]]:
        out = []
        for raw in self.log.read_text(errors="replace").splitlines():
            try:
                out.append(json.loads(raw))
            except ValueError:
                continue
        return out

    def events(self, event: str) -> list[dict[str, Any]]:
        return [line for line in self.lines() if line.get("event") == event]


@dataclass
class Cluster:
    tmp: Path
    namespace: str = field(default_factory=lambda: f"hibid-test-{uuid.uuid4().hex[:8]}")
    procs: list[Proc] = field(default_factory=list)

    # The suite's kind of database (tests/conftest.py): a SQLite file in tmp, or a PostgreSQL database of its
    # own beside TEST_POSTGRES_URL's, never that one (the suite's session app lives in it).
    database_url: str = ""

    @property
    def redis(self) -> "redis.Redis[bytes]":
        return redis.Redis.from_url(REDIS_URL)

    def env(self, **extra: str) -> dict[str, str]:
        return {
            **os.environ,
            "ENVIRONMENT": "development",
            "LOG_LEVEL": "INFO",
            "DATABASE_URL": self.database_url,
            "STORAGE_BACKEND": "local",
            "MEDIA_ROOT": str(self.tmp / "media"),
            "FRONTEND_DIST": "",
            "OPENAI_API_KEY": "",
            "REDIS_URL": "",
            "RATE_LIMIT_ENABLED": "false",
            "WEB_CONCURRENCY": "1",
            "JOBS_BROKER_URL": REDIS_URL,
            "JOBS_NAMESPACE": self.namespace,
            "PYTHONUNBUFFERED": "1",
            **extra,
        }

    def _spawn(self, name: str, cmd: list[str], env: dict[str, str], base_url: str = "") -> Proc:
        log = self.tmp / f"{name}.log"
        with open(log, "wb") as out:
            popen = subprocess.Popen(cmd, cwd=BACKEND, env=env, stdout=out, stderr=subprocess.STDOUT)
        proc = Proc(name, popen, log, base_url)
        self.procs.append(proc)
        return proc

    def web(self, name: str, **env: str) -> Proc:
        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        cmd = [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", str(port)]
        proc = self._spawn(name, cmd, self.env(BACKEND_URL=base_url, **env), base_url)
        deadline = time.monotonic() + 90
        while True:
            if proc.popen.poll() is not None:
                raise RuntimeError(f"{name} exited: {proc.log.read_text()[-3000:]}")
            try:
                if httpx.get(f"{base_url}/health/ready", timeout=2).status_code == 200:
                    return proc
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} not ready in 90 s: {proc.log.read_text()[-3000:]}")
            time.sleep(0.2)

    def worker(self, name: str, *modules: str, **env: str) -> Proc:
        proc = self._spawn(name, [sys.executable, "-m", "app.jobs.worker", *modules], self.env(**env))
        deadline = time.monotonic() + 60
        while not any(line.get("message") == "worker started" for line in proc.lines()):
            if proc.popen.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{name} did not start: {proc.log.read_text()[-3000:]}")
            time.sleep(0.1)
        return proc

    def send(self, actor_name: str, *args: Any) -> None:
        """A job on the cluster's `default` queue, as any producer puts it there (a replay, others' photos)."""
        sender = RedisBroker(url=REDIS_URL, namespace=self.namespace)
        try:
            message: dramatiq.Message[Any] = dramatiq.Message(
                queue_name="default", actor_name=actor_name, args=args, kwargs={}, options={}
            )
            sender.enqueue(message)
        finally:
            sender.close()

    def broker_id(self, worker: Proc) -> str:
        return str(next(line for line in worker.lines() if line.get("message") == "worker started")["broker_id"])

    def close(self) -> None:
        for proc in self.procs:
            if proc.popen.poll() is None:
                proc.popen.send_signal(signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.popen.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.popen.kill()
                proc.popen.wait()
        client = self.redis
        keys = list(client.scan_iter(f"{self.namespace}:*"))
        if keys:
            client.delete(*keys)


def _on_postgres_admin(statement: str) -> None:
    async def run() -> None:
        engine = create_async_engine(make_url(POSTGRES_URL).set(database="postgres"), isolation_level="AUTOCOMMIT")
        async with engine.connect() as conn:
            await conn.execute(text(statement))
        await engine.dispose()

    # In a thread of its own: the caller may be a test already inside an event loop.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, run()).result()


@contextmanager
def cluster(tmp: Path) -> Iterator[Cluster]:
    c = Cluster(tmp)
    database = ""
    if os.environ.get("TEST_DATABASE", "sqlite") == "postgres":
        database = f"hibid_jobs_{uuid.uuid4().hex[:10]}"
        _on_postgres_admin(f'CREATE DATABASE "{database}"')
        c.database_url = make_url(POSTGRES_URL).set(database=database).render_as_string(hide_password=False)
    else:
        c.database_url = f"sqlite+aiosqlite:///{tmp / 'jobs.db'}"
    try:
        yield c
    finally:
        c.close()
        if database:
            _on_postgres_admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def redis_or_fail() -> None:
    redis.Redis.from_url(REDIS_URL).ping()  # no Redis on 127.0.0.1:6379 is a broken test machine, not a skip


def sign_in_token(base_url: str, email: str) -> str:
    with httpx.Client(base_url=base_url, timeout=30) as c:
        r = c.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD})
        assert r.status_code in (201, 202, 409), r.text
        r = c.post("/api/v1/auth/login", data={"username": email, "password": PASSWORD})
        assert r.status_code == 200, r.text
        return str(r.json()["access_token"])


async def upload(client: httpx.AsyncClient, base_url: str, token: str, photos: list[bytes]) -> httpx.Response:
    files = [("logo", ("logo.png", png(), "image/png"))] + [
        ("hero_images", (f"lot{i}.jpg", photo, "image/jpeg")) for i, photo in enumerate(photos)
    ]
    data = {"campaign_name": "Spring Consignment", "advertiser_name": "Hill County Auctions", "text_content": SALE_TEXT}
    return await client.post(
        f"{base_url}/api/v1/upload", data=data, files=files, headers={"Authorization": f"Bearer {token}"}
    )
