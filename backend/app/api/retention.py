"""Deleted campaigns erased when their retention window ends, even when nobody is using the app.

A delete and the admins' list of deleted campaigns already erase what has expired; this task does it
on a clock too (RETENTION_PURGE_INTERVAL_S, ±20 % so replicas spread out), in every web process, so
files never outlive the window that CAMPAIGN_RETENTION_DAYS promises. Replicas purging at once do no
harm: erasing a campaign twice deletes nothing more. Without a retention window (0, the default) a
delete erases at once and no task runs.
"""

import asyncio
import logging
import random

from app.api.campaign_lifecycle import purge_expired
from app.api.services import AppServices

logger = logging.getLogger(__name__)

FIRST_PURGE_MAX_S = 60.0  # soon after a start, so a fleet that restarts often still purges


async def purge_once(services: AppServices) -> int:
    """Erase every deleted campaign whose window has ended; how many. Failures are logged, not raised."""
    try:
        async with services.sessionmaker() as session:
            erased = await purge_expired(session, services.storage, services.settings)
    except Exception:  # the database or the storage away for a moment: the next round tries again
        logger.warning("retention purge failed", exc_info=True)
        return 0
    if erased:
        logger.info("retention purge", extra={"erased": erased, "event": "retention_purge"})
    return erased


async def _purge_forever(services: AppServices) -> None:
    interval = services.settings.retention_purge_interval_s
    await asyncio.sleep(random.uniform(0, min(interval, FIRST_PURGE_MAX_S)))  # noqa: S311 - spread, not secret
    while True:
        await purge_once(services)
        await asyncio.sleep(interval * random.uniform(0.8, 1.2))  # noqa: S311


def start_retention_purge(services: AppServices) -> "asyncio.Task[None] | None":
    """The purge task of this process (None without a retention window); cancel it at shutdown."""
    if services.settings.campaign_retention_days <= 0:
        return None
    return asyncio.create_task(_purge_forever(services), name="retention-purge")
