"""Starts the app the production way (uvicorn with workers) and reads its CPU time and memory from /proc."""

# ruff: noqa: S603, S607  (fixed commands with our own arguments: psql and the venv's uvicorn)

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
BACKEND = ROOT / "backend"
VENV_BIN = BACKEND / ".venv" / "bin"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            kids = [int(k) for k in fh.read().split()]
    except OSError:
        return []
    out = []
    for kid in kids:
        out += [kid, *_children(kid)]
    return out


def _stat(pid: int) -> tuple[float, int]:
    """CPU seconds (user + system) and resident bytes of one process."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0, 0
    utime, stime, rss_pages = int(fields[11]), int(fields[12]), int(fields[21])
    return (utime + stime) / CLOCK_TICKS, rss_pages * PAGE_SIZE


def create_postgres_database(name: str) -> str:
    base = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q", "-c"]
    subprocess.run([*base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'], check=True, capture_output=True)
    subprocess.run([*base, f'CREATE DATABASE "{name}"'], check=True, capture_output=True)
    return f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"


def drop_postgres_database(name: str) -> None:
    subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-q",
            "-c",
            f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        ],
        check=False,
        capture_output=True,
    )


@dataclass
class Server:
    """One uvicorn master with its workers, on a loopback port."""

    database: str = "sqlite"
    workers: int = 2
    extra_env: dict[str, str] = field(default_factory=dict)
    app: str = "app.main:app"  # or a wrapper of it (bench/phases.py)
    port: int = 0
    process: subprocess.Popen[bytes] | None = None
    workdir: Path | None = None
    _pg_name: str | None = None
    peak_rss: int = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix="hibid-bench-"))
        self.port = free_port()
        if self.database == "postgres":
            self._pg_name = f"hibid_bench_{os.getpid()}"
            database_url = create_postgres_database(self._pg_name)
        else:
            database_url = f"sqlite+aiosqlite:///{self.workdir / 'bench.db'}"
        env = {
            **os.environ,
            "ENVIRONMENT": "development",
            "LOG_LEVEL": "WARNING",
            "DATABASE_URL": database_url,
            "STORAGE_BACKEND": "local",
            "MEDIA_ROOT": str(self.workdir / "media"),
            "BACKEND_URL": self.base_url,
            "FRONTEND_DIST": "",
            "OPENAI_API_KEY": "",
            # The benchmark measures throughput, not the abuse limits.
            "RATE_LIMIT_ENABLED": "false",
            **self.extra_env,
        }
        cmd = [
            str(VENV_BIN / "uvicorn"),
            self.app,
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--workers",
            str(self.workers),
            "--no-access-log",
            "--log-level",
            "warning",
        ]
        log = open(self.workdir / "server.log", "wb")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(cmd, cwd=BACKEND, env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {(self.workdir / 'server.log').read_text()[-2000:]}")
            try:
                if httpx.get(f"{self.base_url}/health/ready", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise RuntimeError("server did not become ready in 60 s")

    def pids(self) -> list[int]:
        assert self.process is not None
        return [self.process.pid, *_children(self.process.pid)]

    def cpu_seconds(self) -> float:
        return sum(_stat(pid)[0] for pid in self.pids())

    def sample_rss(self) -> int:
        rss = sum(_stat(pid)[1] for pid in self.pids())
        self.peak_rss = max(self.peak_rss, rss)
        return rss

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if self._pg_name:
            drop_postgres_database(self._pg_name)
        if self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)


if __name__ == "__main__":  # manual check: start, print the URL, wait for Ctrl-C
    server = Server(database=sys.argv[1] if len(sys.argv) > 1 else "sqlite")
    server.start()
    print(server.base_url)
    try:
        signal.pause()
    finally:
        server.stop()
