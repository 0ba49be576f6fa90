"""Email renditions of camera photos, made in the background after the upload has answered.

Decoding and resizing a 12-MP photo is the heaviest work in the product (~65 ms of CPU each). The
upload validates the photo from its structure, stores the clean original and answers; the rendition
is made here, in the lower-priority image pool, while the advertiser reads the AI copy. An asset
whose `bytes` is 0 has no rendition yet. Everything that reads renditions (proofs, packages, the AI's
view of the photos, /media) calls `ensure_renditions` first, which waits for the job in this process,
or watches the row while another process finishes it, or makes the rendition itself (after a restart).
"""

import asyncio
import logging
import time
import uuid

from sqlalchemy import update
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.campaigns.models import Asset
from app.core.errors import InvalidInput
from app.core.workers import run_cpu, run_image
from app.images.service import ImageRejected, render_photo
from app.storage.base import Storage

logger = logging.getLogger(__name__)

# Rendition jobs of this process, by rendition key; each resolves to the rendition's size in bytes (0: failed).
_jobs: dict[str, asyncio.Task[int]] = {}


async def _render_and_store(
    storage: Storage, original: bytes, key: str, width: int, height: int, *, waited_on: bool
) -> int:
    # A request waiting for it takes the interactive pool; the background job, the lower-priority one.
    data = await (run_cpu if waited_on else run_image)(render_photo, original, width, height)
    await storage.put(key, data, "image/jpeg")
    return len(data)


async def _background(
    sessionmaker: async_sessionmaker[AsyncSession],
    storage: Storage,
    asset_id: uuid.UUID,
    original: bytes,
    key: str,
    width: int,
    height: int,
) -> int:
    try:
        size = await _render_and_store(storage, original, key, width, height, waited_on=False)
        async with sessionmaker() as session:
            await session.execute(update(Asset).where(Asset.id == asset_id).values(bytes=size))  # type: ignore[arg-type]
            await session.commit()
        return size
    except Exception:  # the reader that needs it makes it again and reports a real error to the user
        logger.warning("background rendition failed", extra={"key": key}, exc_info=True)
        return 0


def start_rendition(
    sessionmaker: async_sessionmaker[AsyncSession], storage: Storage, asset: Asset, original: bytes
) -> None:
    task = asyncio.create_task(
        _background(sessionmaker, storage, asset.id, original, asset.key, asset.width, asset.height)
    )
    _jobs[asset.key] = task
    task.add_done_callback(lambda _: _jobs.pop(asset.key, None))


async def _watch_row(session: AsyncSession, asset: Asset, wait_s: float) -> int:
    """Another process's job: poll the row until its size appears, for at most `wait_s`."""
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        size = (await session.execute(select(Asset.bytes).where(Asset.id == asset.id))).scalar_one_or_none()
        if size:
            return int(size)
        await asyncio.sleep(0.1)
    return 0


async def _ensure_one(session: AsyncSession, storage: Storage, asset: Asset, wait_s: float) -> None:
    job = _jobs.get(asset.key)
    size = await asyncio.shield(job) if job else await _watch_row(session, asset, wait_s)
    if not size:
        try:
            original = await storage.get(asset.original_key)
            size = await _render_and_store(storage, original, asset.key, asset.width, asset.height, waited_on=True)
        except ImageRejected as exc:
            raise InvalidInput(
                f"The photo {asset.filename} is damaged and cannot be used in an email: upload it again.",
                code=exc.code,
            ) from exc
    asset.bytes = size  # committed with the caller's request


async def ensure_renditions(session: AsyncSession, storage: Storage, assets: list[Asset], *, wait_s: float) -> None:
    """Return once every asset's rendition is stored (and its size recorded).

    One at a time: the jobs run concurrently anyway, and a session takes one statement at a time.
    """
    for asset in assets:
        if not asset.bytes:
            await _ensure_one(session, storage, asset, wait_s)


async def finish_renditions(timeout_s: float) -> None:
    """At shutdown: let the jobs under way finish, so a deploy does not leave work for the next reader."""
    if _jobs:
        await asyncio.wait(list(_jobs.values()), timeout=timeout_s)


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
    if campaign_id is None:
        return
    async with sessionmaker() as session:
        query = select(Asset).where(Asset.campaign_id == campaign_id, Asset.key == key)
        asset = (await session.execute(query)).scalars().first()
        if asset is None or asset.bytes:
            return
        try:
            await ensure_renditions(session, storage, [asset], wait_s=wait_s)
        except InvalidInput:
            return  # a damaged photo: the link stays a 404; generate reports it to the user
        await session.commit()
