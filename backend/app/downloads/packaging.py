"""Building the download ZIP of an approved proof, in the approving request or in a job worker.

Without a job broker (JOBS_BROKER_URL empty, as `./scripts/dev.sh`) the approval builds the package
itself and commits only once it is stored, as it always did. With one, the approval records the
package's storage key and commits; a worker builds the ZIP at that key (app/jobs/actors.py,
`build_package`). The key is chosen once, at approval, so a job run twice writes nothing twice: it
finds the file and stops. Until the file exists, whatever needs it (download, push, .eml) waits up to
`REQUEST_WAIT_S`, then answers 409 `package_pending` with Retry-After; once the approval is
PACKAGE_WAIT_S old and there is still no file (the job was lost), the request builds it itself.
"""

import asyncio
import logging
import math
import time
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from app.campaigns.models import Campaign, CampaignStatus
from app.campaigns.queries import list_assets
from app.campaigns.renditions import ensure_renditions
from app.copywriting.queries import latest_copy
from app.core.clock import utcnow
from app.core.config import Settings
from app.core.errors import AppError
from app.core.transactions import commit
from app.core.workers import run_cpu
from app.downloads.howto import generic_how_to
from app.downloads.package import build_package
from app.downloads.public_assets import publish_email_images
from app.proofs.calendar import auction_ics
from app.proofs.models import ProofVersion
from app.proofs.service import facts_of, media_keys_in
from app.storage.base import Storage

logger = logging.getLogger(__name__)

# The longest one request waits for a worker's package before answering package_pending.
REQUEST_WAIT_S = 5.0


class PackagePending(AppError):
    """The ZIP of a fresh approval is still being built by a job worker; ask again after Retry-After."""

    status_code = 409
    code = "package_pending"

    def __init__(self, retry_after: int):
        super().__init__(
            "The download is still being prepared. Try again in a few seconds.",
            headers={"Retry-After": str(retry_after)},
        )


async def build_package_file(
    session: AsyncSession,
    storage: Storage,
    settings: Settings,
    campaign: Campaign,
    proof: ProofVersion,
    key: str,
    approved_at: datetime,
) -> None:
    """The ZIP of `proof` stored at `key`. Rendition sizes it had to make are left on the session to commit."""
    assets = await list_assets(session, campaign.id)
    await ensure_renditions(session, storage, assets, wait_s=settings.rendition_wait_s)
    copy = await latest_copy(session, campaign.id)
    html = (await storage.get(proof.html_key)).decode()
    blobs = await asyncio.gather(*(storage.get(a.key) for a in assets))
    # Images the email shows that are not uploads (the logo on its plate) go into the ZIP too.
    extra_keys = [k for k in media_keys_in(html, settings.public_base_url) if k not in {a.key for a in assets}]
    extra_blobs = await asyncio.gather(*(storage.get(k) for k in extra_keys))
    images = {a.key: b for a, b in zip(assets, blobs, strict=True)}
    extra_images = dict(zip(extra_keys, extra_blobs, strict=True))
    hosted_html = await publish_email_images(
        storage,
        html,
        images | extra_images,
        base_url=settings.public_base_url,
        public_asset_url=settings.public_asset_url,
    )
    details = {
        "campaign_id": str(campaign.id),
        "campaign_name": campaign.campaign_name,
        "advertiser_name": campaign.advertiser_name,
        "subject_lines": copy.subject_lines if copy else [],
        "primary_subject": copy.subject_lines[copy.primary_subject_index] if copy else None,
        "preheader": copy.preheader if copy else "",
        "proof_version": proof.version,
        "copy_version": proof.copy_version,
        "approved_at": approved_at.isoformat(),
        "cta_url": campaign.cta_url,
    }
    data = await run_cpu(
        build_package,
        html=html,
        text=proof.plain_text,
        assets=assets,
        images=images,
        base_url=settings.public_base_url,
        details=details,
        extra_images=extra_images,
        hosted_html=hosted_html,
        how_to=generic_how_to(settings),
        calendar=auction_ics(
            facts_of(copy, campaign) if copy else None, campaign.campaign_name, campaign.cta_url, f"{proof.id}@hibid"
        ),
    )
    await storage.put(key, data, "application/zip")


async def build_package_once(
    session: AsyncSession,
    storage: Storage,
    settings: Settings,
    campaign: Campaign,
    proof: ProofVersion,
    approved_at: datetime,
) -> bool:
    """The job's work: the package at the key the approval chose, unless it is there already; True if built."""
    key = proof.package_key
    if key is None or await storage.exists(key):
        return False
    await build_package_file(session, storage, settings, campaign, proof, key, approved_at)
    return True


def _approval_time(campaign: Campaign, proof: ProofVersion, latest_approved: bool) -> datetime | None:
    """When `proof` was approved, if this is the campaign's current approval (else None: an old one).

    While a campaign is approved nothing else changes it, so its `updated_at` is the approval's time.
    """
    if latest_approved and campaign.status == CampaignStatus.approved:
        return campaign.updated_at
    return None


async def package_ready(
    session: AsyncSession,
    storage: Storage,
    settings: Settings,
    campaign: Campaign,
    proof: ProofVersion,
    *,
    latest_approved: bool,
    jobs: bool,
) -> None:
    """Return once the ZIP of `proof` is stored; 409 package_pending while a worker is still on it.

    Without jobs the approval built it: nothing to wait for (a missing file is the caller's 404).
    """
    key = proof.package_key
    if not jobs or key is None or await storage.exists(key):
        return
    approved_at = _approval_time(campaign, proof, latest_approved)
    if approved_at is None:
        return  # an earlier round's package, built long ago: if it is gone, that is package_missing
    lost_at = approved_at.timestamp() + settings.package_wait_s
    deadline = time.monotonic() + max(0.0, min(REQUEST_WAIT_S, lost_at - utcnow().timestamp()))
    pause = 0.05
    while time.monotonic() < deadline:
        await asyncio.sleep(min(pause, max(0.0, deadline - time.monotonic())))
        if await storage.exists(key):
            return
        pause = min(pause * 2, 0.5)
    left = lost_at - utcnow().timestamp()
    if left > 0:
        raise PackagePending(max(1, math.ceil(min(left, REQUEST_WAIT_S))))
    # The worker never delivered (a message lost to a Redis outage, or dead-lettered): build it here.
    logger.warning("package job late: building it in the web process", extra={"proof_id": str(proof.id)})
    if await build_package_once(session, storage, settings, campaign, proof, approved_at):
        await commit(session)  # rendition sizes made on the way
        logger.info("package built", extra={"proof_id": str(proof.id), "event": "package_built", "by": "web"})
