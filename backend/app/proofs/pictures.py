"""Picture proofs (PNG) rendered by a job worker when JOBS_BROKER_URL is set.

A picture is stored beside its proof's HTML, at a key made of that HTML's key, the device and the
theme, and never changes. Without a broker the web process renders it itself (app/proofs/service.py,
`picture_proof`). With one, the web process never starts chromium (~450 MB per process): it queues
`render_picture` (app/jobs/actors.py) and waits for the file, up to PICTURE_WAIT_S, then answers 503
`picture_pending` with Retry-After. Requests of one process for the same picture share one wait and
one job; a job run twice finds the file and stops.
"""

import asyncio
import logging
import re
import time
from typing import cast, get_args

from app.core.config import Settings
from app.core.errors import ServiceUnavailable
from app.jobs import enqueue
from app.proofs.screenshots import Device, ProofRenderer, Theme, media_fetcher
from app.storage.base import ObjectNotFound, Storage

logger = logging.getLogger(__name__)

RETRY_AFTER_S = 5
# A proof's HTML key, as app/storage/base.new_key makes them: campaigns/<id>/<kind>/<token>.html
_HTML_KEY = re.compile(r"campaigns/[0-9a-f-]{36}/[a-z]+/[A-Za-z0-9_-]+\.html")


class PicturePending(ServiceUnavailable):
    code = "picture_pending"

    def __init__(self) -> None:
        super().__init__(
            "The picture proof is still being rendered. Try again in a few seconds; the HTML preview works meanwhile.",
            headers={"Retry-After": str(RETRY_AFTER_S)},
        )


def picture_key_of(html_key: str, device: Device, theme: Theme) -> str:
    """Where the PNG of a proof is kept: beside its HTML, which never changes."""
    stem = html_key.rsplit(".", 1)[0]
    return f"{stem}.{device}-{theme}.png"


# Waits of this process for a worker's picture, by picture key; each resolves to True once it is stored.
_waits: dict[str, "asyncio.Task[bool]"] = {}


async def _stored_within(storage: Storage, key: str, wait_s: float) -> bool:
    deadline = time.monotonic() + wait_s
    pause = 0.05
    while True:
        if await storage.exists(key):
            return True
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        await asyncio.sleep(min(pause, left))
        pause = min(pause * 2, 0.5)


async def picture_from_worker(
    storage: Storage, settings: Settings, html_key: str, device: Device, theme: Theme
) -> bytes:
    """The picture, once a worker has stored it; 503 picture_pending after PICTURE_WAIT_S without it."""
    key = picture_key_of(html_key, device, theme)
    wait = _waits.get(key)
    if wait is None:
        enqueue.send(enqueue.RENDER_PICTURE, html_key, device, theme)
        wait = asyncio.get_running_loop().create_task(_stored_within(storage, key, settings.picture_wait_s))
        _waits[key] = wait
        wait.add_done_callback(lambda _: _waits.pop(key, None))
    if not await asyncio.shield(wait):
        logger.warning("picture proof not rendered in time by a worker", extra={"key": key})
        raise PicturePending()
    return await storage.get(key)


# Pictures the jobs of this worker are rendering, by key; each resolves when its job ends.
_rendering: dict[str, "asyncio.Future[None]"] = {}


async def render_picture_once(
    storage: Storage, settings: Settings, renderer: ProofRenderer, html_key: str, device: str, theme: str
) -> str:
    """The job's work: the picture stored unless it is there already. Returns what happened, for the log."""
    if _HTML_KEY.fullmatch(html_key) is None or device not in get_args(Device) or theme not in get_args(Theme):
        return "refused"  # not a message the web process writes: nothing to retry
    key = picture_key_of(html_key, cast(Device, device), cast(Theme, theme))
    # Two jobs for one picture (a second look queued it again while chromium was starting): the second
    # waits for the first, then finds its file. All async jobs of a worker share one event loop.
    while (running := _rendering.get(key)) is not None:
        await asyncio.shield(running)
    done = asyncio.get_running_loop().create_future()
    _rendering[key] = done
    try:
        if await storage.exists(key):
            return "skipped"
        try:
            html = (await storage.get(html_key)).decode()
        except ObjectNotFound:
            return "proof_gone"  # the campaign was deleted meanwhile
        fetch = media_fetcher(storage, f"{settings.public_base_url}/media")
        image = await renderer.screenshot(html, cast(Device, device), cast(Theme, theme), fetch)
        await storage.put(key, image, "image/png")
        return "made"
    finally:
        del _rendering[key]
        done.set_result(None)
