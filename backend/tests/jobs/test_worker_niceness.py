"""JOBS_WORKER_NICENESS: a worker sharing a host with web processes yields the CPU to them."""

# ruff: noqa: S603  (this venv's python with our own arguments)

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import redis

BACKEND = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/12"  # the job tests' DB


def _niceness(pid: int) -> dict[str, int]:
    """Thread name → niceness, from /proc (field 19 of stat)."""
    out = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        name = (task / "comm").read_text().strip()
        stat = (task / "stat").read_text().rsplit(")", 1)[1].split()
        out[f"{name}-{task.name}"] = int(stat[16])
    return out


def test_a_worker_lowers_the_priority_of_all_its_threads(tmp_path: Path):
    namespace = f"test-nice-{uuid.uuid4().hex[:8]}"
    client = redis.Redis.from_url(REDIS_URL)
    env = {
        **os.environ,
        "ENVIRONMENT": "development",
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "JOBS_BROKER_URL": REDIS_URL,
        "JOBS_NAMESPACE": namespace,
        "JOBS_WORKER_NICENESS": "7",
    }
    worker = subprocess.Popen([sys.executable, "-m", "app.jobs.worker"], cwd=BACKEND, env=env)
    try:
        deadline = time.monotonic() + 60
        while not client.zcard(f"{namespace}:__heartbeats__"):  # consuming: every thread is up
            assert worker.poll() is None, "the worker exited"
            assert time.monotonic() < deadline, "the worker did not start in 60 s"
            time.sleep(0.1)
        threads = _niceness(worker.pid)
        assert len(threads) > 3  # main, the job threads, the consumers, the event loop
        assert all(nice >= 7 for nice in threads.values()), threads
    finally:
        worker.terminate()
        worker.wait(timeout=60)
        keys = list(client.scan_iter(f"{namespace}:*"))
        if keys:
            client.delete(*keys)
