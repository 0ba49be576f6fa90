"""A newcomer's first run: ./scripts/dev.sh on another port, then the README's curl walkthrough.

dev.sh runs for real (uvicorn, its workers, the app) on a free port with the suite's kind of database;
only the web app build is skipped (FRONTEND_DIST empty). The README's bash block is run exactly as
printed, with PORT set as the README says, and every curl call's status is recorded by a wrapper.
"""

import asyncio
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import zipfile
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from app.core.config import Settings
from tests.support.databases import fresh_database

ROOT = Path(__file__).resolve().parents[3]
START_TIMEOUT_S = 240  # the first run after a pyproject change reinstalls the backend


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def dotenv_value(name: str) -> str:
    """What the repository's .env sets for `name` (dev.sh and the app honour it), or ''."""
    path = ROOT / ".env"
    values = re.findall(rf"^{name}=(.*)$", path.read_text(), re.MULTILINE) if path.exists() else []
    return values[-1].strip() if values else ""


def cores() -> int:
    return int(subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout)


@dataclass
class DevServer:
    port: int
    proc: subprocess.Popen[bytes]
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def workers(self) -> int:
        """Processes serving requests: uvicorn's worker children, or uvicorn itself when it has none."""
        ps = subprocess.run(["ps", "--ppid", str(self.proc.pid), "-o", "args="], capture_output=True, text=True)
        children = [line for line in ps.stdout.splitlines() if "multiprocessing.spawn" in line]
        return len(children) or 1


@contextmanager
def running_dev_sh(database_url: str, work: Path, **env: str) -> Iterator[DevServer]:
    port = free_port()
    clean = {k: v for k, v in os.environ.items() if k not in ("BACKEND_URL", "FRONTEND_URL", "WEB_CONCURRENCY")}
    clean |= {
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "FRONTEND_DIST": "",  # no web app build: this test is about the API, its workers and its links
        "ENVIRONMENT": "development",
        "DATABASE_URL": database_url,
        "STORAGE_BACKEND": "local",
        "MEDIA_ROOT": str(work / "media"),
        "OPENAI_API_KEY": "",
        "REDIS_URL": "",
        "LOG_LEVEL": "WARNING",
        "PROMETHEUS_MULTIPROC_DIR": str(work / f"metrics-{port}"),
        **env,
    }
    log = work / f"dev-{port}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(ROOT / "scripts/dev.sh")], env=clean, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = DevServer(port, proc, log)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            assert proc.poll() is None, f"dev.sh exited with {proc.returncode}:\n{log.read_text()[-3000:]}"
            assert time.monotonic() < deadline, f"no /health after {START_TIMEOUT_S} s:\n{log.read_text()[-3000:]}"
            try:
                if httpx.get(f"{server.base}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        # Every worker has started once each has had time to answer (uvicorn starts them together).
        time.sleep(1)
        yield server
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


@pytest.fixture(scope="module", autouse=True)
def leave_no_dotenv() -> Iterator[None]:
    """dev.sh creates .env on a first run; one made by these tests is removed so later suites never read it."""
    dotenv = ROOT / ".env"
    existed = dotenv.exists()
    yield
    if not existed:
        dotenv.unlink(missing_ok=True)


@pytest.fixture(scope="module")
async def dev_server(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[DevServer]:
    work = tmp_path_factory.mktemp("dev-sh")
    async with fresh_database(settings, work) as url:
        with running_dev_sh(url, work) as server:
            yield server


async def test_dev_sh_serves_one_worker_per_core_and_says_where(dev_server: DevServer):
    want = int(dotenv_value("WEB_CONCURRENCY") or cores())
    assert dev_server.workers() == want
    printed = dev_server.log.read_text()
    assert f"serving on http://localhost:{dev_server.port} with {want} worker(s)" in printed


async def test_web_concurrency_overrides_the_core_count(settings: Settings, tmp_path: Path):
    want = 1 if cores() > 1 else 2
    async with fresh_database(settings, tmp_path) as url:
        with running_dev_sh(url, tmp_path, WEB_CONCURRENCY=str(want)) as server:
            assert server.workers() == want


def readme_walkthrough() -> str:
    """The bash block of README.md's "The pipeline with curl" section, as printed."""
    text = (ROOT / "README.md").read_text()
    section = text.split("## The pipeline with curl", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"^```bash\n(.*?)^```$", section, re.MULTILINE | re.DOTALL)
    assert len(blocks) == 1, "the walkthrough should be one bash block"
    return str(blocks[0])


def curl_recorder(bin_dir: Path) -> None:
    """A `curl` first on PATH that runs the real one and notes each call's status on stderr."""
    real = shutil.which("curl")
    assert real, "curl is needed"
    bin_dir.mkdir()
    wrapper = bin_dir / "curl"
    wrapper.write_text(f"#!/bin/sh\nexec {real} -w '%{{stderr}}CALL %{{http_code}} %{{url_effective}}\\n' \"$@\"\n")
    wrapper.chmod(0o755)


async def test_readme_walkthrough_runs_as_printed_and_links_follow_port(dev_server: DevServer, tmp_path: Path):
    curl_recorder(tmp_path / "bin")
    work = tmp_path / "walkthrough"
    work.mkdir()
    env = {**os.environ, "PORT": str(dev_server.port), "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}"}
    script = "set -euo pipefail\n" + readme_walkthrough()
    result = await asyncio.to_thread(
        subprocess.run, ["bash", "-c", script], cwd=work, env=env, capture_output=True, text=True, timeout=180
    )
    calls = re.findall(r"^CALL (\d{3}) http://localhost:\d+/api/v1(\S*)$", result.stderr, re.MULTILINE)
    assert result.returncode == 0, f"the walkthrough stopped: {calls}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    steps = [(status, re.sub(r"[0-9a-f-]{36}", "{id}", path)) for status, path in calls]
    assert steps == [
        (steps[0][0], "/auth/register"),
        ("200", "/auth/login"),
        ("201", "/upload"),
        ("200", "/process/{id}"),
        (steps[4][0], "/generate/{id}"),
        ("200", "/preview/{id}"),
        ("200", "/preview/{id}?format=html"),
        ("200", "/approve/{id}"),
        ("200", "/download/{id}"),
    ], steps
    assert steps[0][0] in ("201", "202") and steps[4][0] in ("200", "201"), steps

    # The text went as written: curl -F would have cut it at the first ";".
    campaign_id = calls[3][1].rsplit("/", 1)[1]
    async with httpx.AsyncClient(base_url=dev_server.base, timeout=10) as api:
        login = {"username": "me@example.com", "password": "walnut-harbor-lantern-1987"}
        token = (await api.post("/api/v1/auth/login", data=login)).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        stored = (await api.get(f"/api/v1/campaigns/{campaign_id}", headers=auth)).json()
    assert stored["text_content"].endswith("; 350 lots: furniture, silver and art."), stored["text_content"]

    # Every image in the proof points at this server's port (BACKEND_URL follows PORT) and loads.
    expected = dotenv_value("BACKEND_URL").rstrip("/") or f"http://localhost:{dev_server.port}"
    images = re.findall(r"<img\b[^>]*\bsrc=\"([^\"]+)\"", (work / "proof.html").read_text())
    assert len(images) >= 4, images  # the logo and three photos
    assert [u for u in images if not u.startswith(f"{expected}/")] == []
    if expected.startswith("http://localhost:"):
        async with httpx.AsyncClient(timeout=10) as client:
            r = await client.get(images[0].replace("http://localhost:", "http://127.0.0.1:"))
        assert r.status_code == 200 and r.headers["content-type"].startswith("image/")

    zips = list(work.glob("*.zip"))
    assert len(zips) == 1, list(work.iterdir())
    with zipfile.ZipFile(zips[0]) as z:
        assert "email.html" in z.namelist()
