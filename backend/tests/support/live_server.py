"""One real uvicorn process on a loopback port, for what only a real server shows: its memory, its threads."""

# ruff: noqa: S603  (a fixed command: this venv's uvicorn with our own arguments)

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

BACKEND = Path(__file__).resolve().parents[2]
PASSWORD = "quiet lantern orchard 42"  # noqa: S105 - test-only account


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveServer:
    base_url: str
    pid: int

    def status_kb(self, field: str) -> int:
        """A memory figure from /proc/<pid>/status (VmHWM: peak resident set; VmRSS: now), in kB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
        raise KeyError(field)

    def token(self, email: str) -> str:
        with httpx.Client(base_url=self.base_url, timeout=30) as c:
            r = c.post("/api/v1/auth/register", json={"email": email, "password": PASSWORD})
            assert r.status_code in (201, 202, 409), r.text
            r = c.post("/api/v1/auth/login", data={"username": email, "password": PASSWORD})
            assert r.status_code == 200, r.text
            return str(r.json()["access_token"])


@contextmanager
def live_server(tmp_path: Path, **env: str) -> Iterator[LiveServer]:
    """uvicorn app.main:app, one process (no --workers: the pid is the app itself), SQLite in tmp_path."""
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    environ = {
        **os.environ,
        "ENVIRONMENT": "development",
        "LOG_LEVEL": "WARNING",
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'live.db'}",
        "STORAGE_BACKEND": "local",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "BACKEND_URL": base_url,
        "FRONTEND_DIST": "",
        "OPENAI_API_KEY": "",
        "REDIS_URL": "",
        "RATE_LIMIT_ENABLED": "false",
        "WEB_CONCURRENCY": "1",
        **env,
    }
    cmd = [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", str(port)]
    log_path = tmp_path / "server.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, cwd=BACKEND, env=environ, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {log_path.read_text()[-3000:]}")
            try:
                if httpx.get(f"{base_url}/health/ready", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"server not ready in 90 s: {log_path.read_text()[-3000:]}")
            time.sleep(0.3)
        yield LiveServer(base_url, proc.pid)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
