"""The two CPU pools: photos never hold up a proof, and they yield the cores to it."""

import asyncio
import os
import sys
import threading
import time

import pytest

from app.core.workers import configure_workers, run_cpu, run_image


@pytest.fixture(autouse=True)
def pools():
    configure_workers(2, image_workers=1, image_niceness=5)
    yield
    configure_workers(4)


async def test_short_jobs_do_not_queue_behind_photos():
    """A queue of slow photo jobs must not delay a short job of another step (the generate path)."""
    release = threading.Event()
    photos = [asyncio.ensure_future(run_image(release.wait, 5)) for _ in range(4)]
    started = time.perf_counter()
    assert await asyncio.wait_for(run_cpu(sum, [1, 2, 3]), timeout=2) == 6
    assert time.perf_counter() - started < 1.0
    assert not any(p.done() for p in photos)  # the photos were still queued or running
    release.set()
    assert await asyncio.gather(*photos) == [True] * 4


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread priority is a Linux feature")
async def test_photo_threads_run_at_a_lower_priority():
    def niceness() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    image_nice, cpu_nice = await run_image(niceness), await run_cpu(niceness)
    assert image_nice == cpu_nice + 5


async def test_sign_in_does_not_queue_behind_a_full_cpu_pool(app: object, client: object):
    """Image checks filling every CPU thread (an upload of four hostile GIFs did) must not delay a sign-in."""
    from tests.support.clients import make_client
    from tests.support.settings import USER_PASSWORD

    release = threading.Event()
    busy = [asyncio.ensure_future(run_cpu(release.wait, 10)) for _ in range(6)]  # more jobs than threads
    try:
        async with make_client(app) as anon:
            started = time.perf_counter()
            r = await asyncio.wait_for(
                anon.post("/api/v1/auth/login", data={"username": "advertiser@example.com", "password": USER_PASSWORD}),
                timeout=5,
            )
            elapsed = time.perf_counter() - started
        assert r.status_code == 200, r.text
        assert elapsed < 1.0, f"sign-in took {elapsed:.2f} s"
    finally:
        release.set()
        await asyncio.gather(*busy)
