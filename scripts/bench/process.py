"""Benchmark: POST /process latency (p50/p95) with the offline writer and with slow AI providers.

Three runs against the app in-process (SQLite in a temporary folder, the shipped AI_DEADLINE_S):
the offline writer; an OpenAI-compatible server on loopback that answers after 1 s; one that answers
after 10 s (so the deadline and the offline fallback decide). Every request goes to 127.0.0.1 only,
the number of requests is fixed, and the fake server stops with the script.

    ./scripts/bench.sh process            # ~45 s
    ./scripts/bench.sh process --quick    # a few samples each, ~15 s
"""

import argparse
import asyncio
import logging
import statistics
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

import httpx

from app.core.config import Settings
from app.main import create_app
from bench.stats import percentile
from tests.support.factories import UploadBuilder, jpeg
from tests.support.fake_openai import running_fake_openai

BUDGET_S = 5.0


def app_settings(data: Path, **changes: object) -> Settings:
    values: dict[str, object] = {
        "environment": "test",
        "database_url": f"sqlite+aiosqlite:///{data / 'bench.db'}",
        "media_root": data / "media",
        "backend_url": "http://bench",
        "frontend_dist": None,
        "log_level": "ERROR",
        "rate_limit_enabled": False,
        "secret_key": uuid.uuid4().hex * 2,
        **changes,
    }
    known = {k: v for k, v in values.items() if k in Settings.model_fields}
    return Settings(_env_file=None, **known)  # type: ignore[call-arg,arg-type]


async def signed_in(client: httpx.AsyncClient) -> None:
    """Sign up a bench advertiser when the app has accounts."""
    if (await client.get("/api/v1/auth/me")).status_code == 404:
        return
    email, password = f"bench-{uuid.uuid4().hex[:10]}@example.com", uuid.uuid4().hex
    await client.post("/api/v1/auth/register", json={"email": email, "password": password})
    r = await client.post("/api/v1/auth/login", data={"username": email, "password": password})
    r.raise_for_status()
    client.headers["Authorization"] = f"Bearer {r.json()['access_token']}"


async def measure(settings: Settings, samples: int) -> tuple[list[float], Counter[str]]:
    """Upload `samples` campaigns and time POST /process on each (sequentially, one user)."""
    app = create_app(settings)
    photo = jpeg(1600, 1200)
    times: list[float] = []
    sources: Counter[str] = Counter()
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench", timeout=30) as client:
            await signed_in(client)
            uploads = UploadBuilder(client)
            for _ in range(samples):
                campaign = await uploads.create(heroes=[("lot.jpg", photo, "image/jpeg")] * 2)
                started = time.perf_counter()
                r = await client.post(f"/api/v1/process/{campaign['id']}")
                times.append(time.perf_counter() - started)
                r.raise_for_status()
                sources[r.json()["source"]] += 1
    return times, sources


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bench process", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="a few samples per run")
    args = parser.parse_args(argv)
    return asyncio.run(run(args.quick))


async def run(quick: bool) -> int:
    logging.disable(logging.WARNING)  # the fallbacks are expected here; keep the table readable
    counts = {"offline": 5, "1s": 3, "10s": 2} if quick else {"offline": 30, "1s": 10, "10s": 6}

    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-process-") as tmp, running_fake_openai("slow") as fake:
        deadline = Settings(_env_file=None).ai_deadline_s  # type: ignore[call-arg]
        runs = [
            ("offline writer", "offline", {}),
            ("provider answers in 1 s", "1s", {"delay": 1.0}),
            ("provider answers in 10 s", "10s", {"delay": 10.0}),
        ]
        for label, key, options in runs:
            data = Path(tmp) / key
            data.mkdir()
            changes: dict[str, object] = {}
            if "delay" in options:
                fake.delay_s = float(options["delay"])
                changes = {"openai_api_key": "sk-bench", "openai_base_url": fake.base_url}
            times, sources = await measure(app_settings(data, **changes), counts[key])
            rows.append((label, times, sources))

    print(f"\nPOST /process, one advertiser, in-process app on SQLite, AI_DEADLINE_S={deadline:g} s")
    print(f"{'writer':<26}{'n':>4}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}  source")
    worst = 0.0
    for label, times, sources in rows:
        ms = [t * 1000 for t in times]
        worst = max(worst, max(times))
        source = ", ".join(f"{name}×{n}" for name, n in sources.most_common())
        print(
            f"{label:<26}{len(ms):>4}{statistics.median(ms):>9.0f}{percentile(ms, 95):>9.0f}{max(ms):>9.0f}  {source}"
        )
    verdict = "within" if worst < BUDGET_S else "OVER"
    print(f"slowest /process {worst:.2f} s: {verdict} the {BUDGET_S:g} s budget")
    return 0 if worst < BUDGET_S else 1
