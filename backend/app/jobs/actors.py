"""The jobs a worker runs. Each is idempotent: run twice (a redelivery after a worker died), it does
no harm and no duplicate work, because its result is keyed by what it is for and checked first.
"""

import asyncio
import logging
import uuid
import weakref
from datetime import datetime
from typing import Any

import dramatiq
from sqlalchemy import update

from app.campaigns.models import Asset, Campaign
from app.campaigns.renditions import make_rendition
from app.core.config import get_settings
from app.core.transactions import commit
from app.downloads.packaging import build_package_once
from app.images.codec import ImageRejected
from app.jobs.broker import (
    BUILD_PACKAGE,
    RENDER_PHOTO,
    RENDER_PHOTO_NOW,
    RENDER_PICTURE,
    get_broker,
    priority_of,
    queue_of,
)
from app.jobs.services import job_services
from app.proofs.models import ProofVersion
from app.proofs.pictures import render_picture_once

logger = logging.getLogger(__name__)

_settings = get_settings()
# Renditions this worker is making, by asset: the background job and a waited-on one for the same photo,
# taken by two threads at once, make it once (the second waits, then finds it made).
_making: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()


def _job_options(actor_name: str) -> dict[str, Any]:
    """What every actor here is declared with; its queue and priority come from app/jobs/broker.py."""
    return {
        "actor_name": actor_name,
        "queue_name": queue_of(actor_name),
        "priority": priority_of(actor_name),
        "broker": get_broker(),
        "time_limit": int(_settings.jobs_time_limit_s * 1000),
        "max_retries": _settings.jobs_max_retries,
    }


async def _render_photo(asset_id: str) -> None:
    """A photo's email rendition, stored at the asset's own key and its size recorded on the row.

    Skipped when the row already has a size (made by an earlier run, by the other of its two jobs, or by a
    request that could not wait); when the file is stored but the row not updated (a run killed in
    between), only the row is.
    """
    lock = _making.setdefault(asset_id, asyncio.Lock())
    async with lock:
        await _render_photo_once(asset_id)


async def _render_photo_once(asset_id: str) -> None:
    services = await job_services()
    async with services.sessionmaker() as session:
        asset = await session.get(Asset, uuid.UUID(asset_id))
        if asset is None:
            logger.info("rendition not needed: asset gone", extra={"asset_id": asset_id})
            return
        if asset.bytes:
            logger.info("rendition already made", extra={"asset_id": asset_id, "event": "rendition_skipped"})
            return
        storage = services.storage
        if await storage.exists(asset.key):
            size = len(await storage.get(asset.key))
            made = False
        else:
            try:
                size = await make_rendition(storage, asset)
            except ImageRejected:  # not a job failure: the reader that needs it tells the advertiser
                logger.warning("photo cannot be rendered", extra={"asset_id": asset_id})
                return
            made = True
        await session.execute(update(Asset).where(Asset.id == asset.id, Asset.bytes == 0).values(bytes=size))  # type: ignore[arg-type]
        await commit(session)
    event = "rendition_made" if made else "rendition_recorded"
    logger.info("rendition stored", extra={"asset_id": asset_id, "bytes": size, "event": event})


@dramatiq.actor(**_job_options(RENDER_PHOTO))
async def render_photo(asset_id: str) -> None:
    """Queued by the upload: the rendition made while the advertiser reads the AI copy."""
    await _render_photo(asset_id)


@dramatiq.actor(**_job_options(RENDER_PHOTO_NOW))
async def render_photo_now(asset_id: str) -> None:
    """Queued by a request that needs the rendition now (a proof, a link): ahead of every upload's photos."""
    await _render_photo(asset_id)


@dramatiq.actor(**_job_options(BUILD_PACKAGE))
async def build_package(proof_id: str, approved_at: str) -> None:
    """The download ZIP of an approved proof, at the key its approval recorded (app/downloads/packaging.py).

    Skipped when that file exists (an earlier run, or a download that could not wait and built it).
    """
    services = await job_services()
    async with services.sessionmaker() as session:
        proof = await session.get(ProofVersion, uuid.UUID(proof_id))
        campaign = await session.get(Campaign, proof.campaign_id) if proof is not None else None
        if proof is None or campaign is None or proof.package_key is None:
            logger.info("package not needed: proof gone", extra={"proof_id": proof_id})
            return
        at = datetime.fromisoformat(approved_at)
        built = await build_package_once(session, services.storage, _settings, campaign, proof, at)
        await commit(session)  # rendition sizes the package had to make on the way
    event = "package_built" if built else "package_skipped"
    logger.info("package stored", extra={"proof_id": proof_id, "key": proof.package_key, "event": event})


@dramatiq.actor(**_job_options(RENDER_PICTURE))
async def render_picture(html_key: str, device: str, theme: str) -> None:
    """A picture proof (PNG) of a proof's HTML, stored beside it (app/proofs/pictures.py).

    Skipped when the picture exists. A browser that will not start raises RendererUnavailable: retried,
    then dead-lettered (a worker image without chromium; docs/DEPLOYMENT.md "Picture proofs need chromium").
    """
    services = await job_services()
    outcome = await render_picture_once(services.storage, _settings, services.renderer, html_key, device, theme)
    extra = {"html_key": html_key, "device": device, "theme": theme, "event": f"picture_{outcome}"}
    logger.info("picture proof", extra=extra)
