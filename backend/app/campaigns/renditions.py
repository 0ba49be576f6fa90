"""Email renditions of camera photos, made in the background after the upload has answered.

Decoding and resizing a 12-MP photo is the heaviest work in the product (~65 ms of CPU each). The
upload validates the photo from its structure, stores the clean original and answers; the rendition
is made here, in the lower-priority image pool, while the advertiser reads the AI copy. An asset
whose `bytes` is 0 has no rendition yet. Everything that reads renditions (proofs, packages, the AI's
view of the photos, /media) calls `ensure_renditions` first, which waits for the job in this process,
or watches the row while another process finishes it (until RENDITION_WAIT_S after the upload), or
makes the rendition itself (a job lost to a restart). With a job broker (JOBS_BROKER_URL), the upload
queues the job for a worker, and a request that needs the rendition asks a worker again on the queue
it reads first (`render_photo_now`), then watches the row for up to RENDITION_WAIT_S.
"""

import asyncio
import logging
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import update
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.campaigns.models import Asset, Campaign
from app.core.cache import BoundedCache
from app.core.clock import utcnow
from app.core.errors import InvalidInput
from app.core.transactions import commit
from app.core.workers import run_cpu, run_image
from app.images.codec import ImageRejected, decode_cost, render_photo
from app.images.decode_budget import decode_budget
from app.jobs import enqueue
from app.jobs.broker import jobs_enabled, worker_does_heavy_work
from app.storage.base import Storage

logger = logging.getLogger(__name__)


@dataclass
class _Job:
    """A photo's rendition, queued in the lower-priority pool until a thread, or a request, takes it."""

    original: bytes
    width: int
    height: int
    cost: int  # decoded bytes, for the decode budget
    task: "asyncio.Task[int] | None" = None
    # The size a request that took the job over stored (0: it could not).
    handover: "asyncio.Future[int]" = field(default_factory=lambda: asyncio.get_running_loop().create_future())
    _taken: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self) -> bool:
        """True for the first caller only: the background thread, or a request that cannot wait for it."""
        with self._lock:
            taken, self._taken = self._taken, True
            return not taken

    def render_if_first(self) -> bytes | None:
        """In a photo thread: the rendition, or None when a request has taken the job over."""
        return render_photo(self.original, self.width, self.height) if self.take() else None


# Rendition jobs of this process, by rendition key; each task resolves to the size stored (0: failed).
_jobs: dict[str, _Job] = {}
# Rendition keys /media has seen ready (oldest first), so a link opened again, as in a sent email read
# by many people, costs no database query. A rendition, once stored, never becomes unready.
READY_MEMORY = 50_000
_ready: BoundedCache[str, None] = BoundedCache(size=READY_MEMORY)


async def _render_and_store(
    storage: Storage, original: bytes, key: str, width: int, height: int, *, waited_on: bool, cost: int | None = None
) -> int:
    # A request waiting for it takes the interactive pool; the background job, the lower-priority one.
    run = run_cpu if waited_on else run_image
    if cost is None:  # an original read back from storage: its cost from its header
        cost = await run(decode_cost, original, max_width=width)
    async with decode_budget().hold(cost):
        data = await run(render_photo, original, width, height)
    await storage.put(key, data, "image/jpeg")
    return len(data)


async def make_rendition(storage: Storage, asset: Asset) -> int:
    """In a job worker: the rendition made from the stored original and stored; its size."""
    original = await storage.get(asset.original_key)
    return await _render_and_store(storage, original, asset.key, asset.width, asset.height, waited_on=False)


async def _background(
    sessionmaker: async_sessionmaker[AsyncSession], storage: Storage, asset_id: uuid.UUID, key: str, job: _Job
) -> int:
    try:
        async with decode_budget().hold(job.cost):
            data = await run_image(job.render_if_first)
        if data is None:  # a request needed it before a photo thread was free, and made it itself
            size = await asyncio.shield(job.handover)
        else:
            await storage.put(key, data, "image/jpeg")
            size = len(data)
        if size:
            async with sessionmaker() as session:
                await session.execute(update(Asset).where(Asset.id == asset_id).values(bytes=size))  # type: ignore[arg-type]
                await commit(session)
        return size
    except Exception:  # the reader that needs it makes it again and reports a real error to the user
        logger.warning("background rendition failed", extra={"key": key}, exc_info=True)
        return 0


def start_rendition(
    sessionmaker: async_sessionmaker[AsyncSession], storage: Storage, asset: Asset, original: bytes, cost: int
) -> None:
    if jobs_enabled():  # JOBS_BROKER_URL: a worker makes it from the stored original (app/jobs/actors.py)
        enqueue.send(enqueue.RENDER_PHOTO, str(asset.id))
        return
    job = _Job(original, asset.width, asset.height, cost)
    job.task = asyncio.create_task(_background(sessionmaker, storage, asset.id, asset.key, job))
    _jobs[asset.key] = job
    job.task.add_done_callback(lambda _: _jobs.pop(asset.key, None))


async def _take_over(storage: Storage, asset: Asset, job: _Job) -> int:
    """A queued job someone is waiting for: made now, at the waiting request's priority.

    Without this, near saturation a proof waited behind every other advertiser's photos (generate
    p95 2.8 s at 68 advertisers on SQLite), because the photo threads only get the cores left over.
    """
    size = 0
    try:
        size = await _render_and_store(
            storage, job.original, asset.key, asset.width, asset.height, waited_on=True, cost=job.cost
        )
    except ImageRejected:
        pass  # made again by the caller, which reports the damaged photo to the advertiser
    finally:
        if not job.handover.done():
            job.handover.set_result(size)
    return size


async def _upload_deadline(session: AsyncSession, asset: Asset, wait_s: float) -> float:
    """`wait_s` after the campaign's upload, as a monotonic time (`wait_s` from now when the row is gone).

    A rendition of this process's own or of another web process still missing later than that was lost
    (its process restarted): the caller makes it at once, instead of every reader after a restart
    waiting the full `wait_s` first.
    """
    query = select(Campaign.created_at).where(Campaign.id == asset.campaign_id)
    uploaded = (await session.execute(query)).scalar_one_or_none()
    left = wait_s if uploaded is None else (uploaded + timedelta(seconds=wait_s) - utcnow()).total_seconds()
    return time.monotonic() + min(wait_s, left)


async def _watch_row(session: AsyncSession, asset: Asset, deadline: float) -> int:
    """Another process's job: poll the row until its size appears, until `deadline` (monotonic); 0 then."""
    while time.monotonic() < deadline:
        size = (await session.execute(select(Asset.bytes).where(Asset.id == asset.id))).scalar_one_or_none()
        if size:
            return int(size)
        await asyncio.sleep(0.1)
    return 0


async def _ensure_one(
    session: AsyncSession, storage: Storage, asset: Asset, wait_s: float, asked_until: float | None
) -> None:
    job = _jobs.get(asset.key)
    if job is not None and job.take():
        size = await _take_over(storage, asset, job)
    elif job is not None:
        assert job.task is not None
        size = await asyncio.shield(job.task)
    elif asked_until is not None:  # a worker was asked for it just now
        size = await _watch_row(session, asset, asked_until)
    else:
        size = await _watch_row(session, asset, await _upload_deadline(session, asset, wait_s))
    if not size:
        try:
            original = await storage.get(asset.original_key)
            size = await _render_and_store(storage, original, asset.key, asset.width, asset.height, waited_on=True)
        except ImageRejected as exc:
            raise InvalidInput(
                f"The photo {asset.filename} is damaged and cannot be used in an email: upload it again.",
                code=exc.code,
            ) from exc
    asset.bytes = size  # committed by the caller, whose write this read is part of (core/transactions)


async def _ask_worker(assets: list[Asset], wait_s: float) -> dict[str, float]:
    """In a web process with a broker: each missing rendition asked of a worker on the waited-on queue.

    The upload's own job may sit behind every other advertiser's photos; rendering here instead would,
    under load, double the web's CPU per flow and slow every upload. The answer, per key: until when
    (monotonic) to watch its row: one deadline for all, `wait_s` from now, or now where Redis refused
    the job (so it is made here at once). Empty without a broker or in the worker.
    """
    if not assets or not worker_does_heavy_work():
        return {}
    asked = await asyncio.gather(*(enqueue.send_now(enqueue.RENDER_PHOTO_NOW, str(a.id)) for a in assets))
    deadline = time.monotonic() + wait_s
    return {a.key: (deadline if ok else time.monotonic()) for a, ok in zip(assets, asked, strict=True)}


async def ensure_renditions(session: AsyncSession, storage: Storage, assets: list[Asset], *, wait_s: float) -> None:
    """Return once every asset's rendition is stored (and its size recorded).

    With a job broker, first asks a worker for all of them at once. Then one at a time: the jobs run
    concurrently anyway, and a session takes one statement at a time.
    """
    missing = [a for a in assets if not a.bytes]
    asked = await _ask_worker([a for a in missing if a.key not in _jobs], wait_s)
    for asset in missing:
        await _ensure_one(session, storage, asset, wait_s, asked.get(asset.key))


async def finish_renditions(timeout_s: float) -> None:
    """At shutdown: let the jobs under way finish, so a deploy does not leave work for the next reader."""
    await enqueue.flush(timeout_s)  # jobs handed to the broker a moment ago reach Redis
    tasks = [job.task for job in _jobs.values() if job.task is not None]
    if tasks:
        await asyncio.wait(tasks, timeout=timeout_s)


def _campaign_of(key: str) -> uuid.UUID | None:
    """`campaigns/<id>/email/<token>.jpg` → id; None for any other key (only renditions are made late)."""
    parts = key.split("/")
    if len(parts) != 4 or parts[0] != "campaigns" or parts[2] != "email":
        return None
    try:
        return uuid.UUID(parts[1])
    except ValueError:
        return None


async def ensure_rendition_for_key(
    sessionmaker: async_sessionmaker[AsyncSession], storage: Storage, key: str, *, wait_s: float
) -> None:
    """For /media: a link to a rendition still being made answers once it exists, not with a 404."""
    campaign_id = _campaign_of(key)
    if campaign_id is None or key in _ready:
        return
    async with sessionmaker() as session:
        query = select(Asset).where(Asset.campaign_id == campaign_id, Asset.key == key)
        asset = (await session.execute(query)).scalars().first()
        if asset is None:
            return  # not ours (or deleted): not remembered, the answer may change
        if not asset.bytes:
            try:
                await ensure_renditions(session, storage, [asset], wait_s=wait_s)
            except InvalidInput:
                return  # a damaged photo: the link stays a 404; generate reports it to the user
            await commit(session)
    _ready.put(key, None)
