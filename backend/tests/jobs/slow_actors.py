"""Jobs for test workers (`python -m app.jobs.worker tests.jobs.slow_actors`): one that runs past its time limit,
one that stands for the photos of other advertisers.

`sleep_past_limit` writes `<marker>.started`, then would write `<marker>.finished` after 20 s; its limit is 1 s.
"""

import asyncio
from pathlib import Path

import dramatiq

from app.jobs.broker import BACKGROUND_PRIORITY, QUEUE, get_broker


@dramatiq.actor(actor_name="sleep_past_limit", queue_name=QUEUE, broker=get_broker(), time_limit=1000, max_retries=0)
async def sleep_past_limit(marker: str) -> None:
    await asyncio.to_thread(Path(f"{marker}.started").write_text, "started")
    for _ in range(200):
        await asyncio.sleep(0.1)
    await asyncio.to_thread(Path(f"{marker}.finished").write_text, "finished")


@dramatiq.actor(
    actor_name="background_busywork", queue_name=QUEUE, broker=get_broker(), priority=BACKGROUND_PRIORITY, max_retries=0
)
async def background_busywork(seconds: float) -> None:
    """Stands for another advertiser's photo in the background queue: it keeps a worker thread busy."""
    await asyncio.sleep(seconds)
