"""A campaign's life after its first approval: reopen, duplicate, delete, restore, purge."""

import contextlib
import logging
import uuid
from datetime import timedelta

from sqlalchemy import delete as sql_delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.campaigns.models import Asset, Campaign, CampaignStatus
from app.campaigns.queries import get_campaign, list_assets
from app.campaigns.renditions import ensure_renditions
from app.campaigns.status import move_to, require_can_reopen
from app.copywriting.models import CopyVersion
from app.copywriting.queries import latest_copy
from app.core.clock import utcnow
from app.core.config import Settings
from app.core.errors import AppError, NotFound
from app.core.transactions import commit, commit_with_files
from app.proofs.models import ProofVersion
from app.reviews.models import Decision, ReviewComment, ReviewLink
from app.storage.base import Storage, new_key

logger = logging.getLogger(__name__)
# Child rows, removed before the campaign (explicitly: SQLite enforces ON DELETE only with a pragma).
_CHILDREN = (ReviewComment, ReviewLink, Decision, ProofVersion, CopyVersion, Asset)


def campaign_prefix(campaign_id: uuid.UUID) -> str:
    """Every file of a campaign lives under this storage prefix (storage.base.new_key)."""
    return f"campaigns/{campaign_id}/"


async def reopen(session: AsyncSession, campaign: Campaign) -> int:
    """A new round on an approved campaign; returns the approved proof version, which stays downloadable.

    The campaign goes back to `processed`: copy edits, process and generate work again, and the next
    proof is a new version. The approved proof, its HTML and its ZIP are never touched.
    """
    require_can_reopen(campaign.status)
    stmt = (
        select(ProofVersion)
        .where(ProofVersion.campaign_id == campaign.id, col(ProofVersion.package_key).is_not(None))
        .order_by(col(ProofVersion.version).desc())
        .limit(1)
    )
    approved = (await session.exec(stmt)).first()
    move_to(campaign, CampaignStatus.processed)
    session.add(campaign)
    await commit(session)
    logger.info("campaign reopened", extra={"campaign_id": str(campaign.id)})
    return approved.version if approved else 0


def _copy_name(name: str) -> str:
    suffix = " (copy)"
    return name[: 120 - len(suffix)] + suffix


async def duplicate(
    session: AsyncSession, storage: Storage, settings: Settings, source: Campaign, owner_id: uuid.UUID
) -> Campaign:
    """A new campaign with the same details, pictures (their files copied in storage) and latest copy.

    Nothing is uploaded again. The copy comes over as version 1, ready for a proof.
    """
    assets = await list_assets(session, source.id)
    await ensure_renditions(session, storage, assets, wait_s=settings.rendition_wait_s)
    copy = await latest_copy(session, source.id)
    await commit(session)  # only reads so far: free the connection while files are copied
    clone = Campaign(
        campaign_name=_copy_name(source.campaign_name),
        advertiser_name=source.advertiser_name,
        slug=source.slug,
        text_content=source.text_content,
        cta_url=source.cta_url,
        postal_address=source.postal_address,
        tone=source.tone,
        owner_id=owner_id,
        status=CampaignStatus.processed if copy else CampaignStatus.uploaded,
    )
    new_assets: list[Asset] = []
    keys: dict[str, str] = {}
    for a in assets:
        for old in (a.original_key, a.key):
            keys[old] = new_key(clone.id, old.split("/")[2], old.rsplit(".", 1)[-1])
        fields = a.model_dump(exclude={"id", "campaign_id", "original_key", "key", "created_at"})
        new_assets.append(
            Asset(**fields, id=uuid.uuid4(), campaign_id=clone.id, original_key=keys[a.original_key], key=keys[a.key])
        )
    async with commit_with_files(session, storage) as written:
        for old, new in keys.items():
            data = await storage.get(old)
            written.add(new)
            await storage.put(new, data, _content_type(new))
        session.add(clone)
        await session.flush()
        session.add_all(new_assets)
        if copy is not None:
            ids = {str(a.id): str(n.id) for a, n in zip(assets, new_assets, strict=True)}
            fields = copy.model_dump(exclude={"id", "campaign_id", "version", "created_at", "alt_texts"})
            session.add(
                CopyVersion(
                    **fields,
                    campaign_id=clone.id,
                    version=1,
                    alt_texts={ids[k]: v for k, v in copy.alt_texts.items() if k in ids},
                )
            )
    logger.info("campaign duplicated", extra={"campaign_id": str(clone.id), "source": str(source.id)})
    return clone


def _content_type(key: str) -> str:
    ext = key.rsplit(".", 1)[-1].lower()
    return {
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "png": "image/png",
        "gif": "image/gif",
        "webp": "image/webp",
        "html": "text/html; charset=utf-8",
        "zip": "application/zip",
    }.get(ext, "application/octet-stream")


async def delete_campaign(session: AsyncSession, storage: Storage, settings: Settings, campaign: Campaign) -> None:
    """Out of every list now; files and rows go now too, or when the retention window ends."""
    campaign.deleted_at = utcnow()
    session.add(campaign)
    await commit(session)
    logger.info("campaign deleted", extra={"campaign_id": str(campaign.id)})
    if settings.campaign_retention_days <= 0:
        await erase(session, storage, campaign.id)
    await purge_expired(session, storage, settings)


async def erase(session: AsyncSession, storage: Storage, campaign_id: uuid.UUID) -> None:
    """Every file of the campaign (originals, renditions, proofs, pictures, ZIPs), then its rows.

    A photo's rendition still being made in the background is let finish first, or it would be
    written after the folder is gone.
    """
    pending = [a for a in await list_assets(session, campaign_id) if not a.bytes]
    if pending:
        with contextlib.suppress(AppError):  # a damaged photo has no rendition to wait for
            await ensure_renditions(session, storage, pending, wait_s=0)
    await storage.delete_prefix(campaign_prefix(campaign_id))
    for table in _CHILDREN:
        await session.exec(sql_delete(table).where(col(table.campaign_id) == campaign_id))  # type: ignore[call-overload]
    await session.exec(sql_delete(Campaign).where(col(Campaign.id) == campaign_id))  # type: ignore[call-overload]
    await commit(session)
    logger.info("campaign erased", extra={"campaign_id": str(campaign_id)})


async def purge_expired(session: AsyncSession, storage: Storage, settings: Settings) -> int:
    """Erase deleted campaigns whose retention window has ended; returns how many."""
    cutoff = utcnow() - timedelta(days=settings.campaign_retention_days)
    stmt = select(Campaign.id).where(col(Campaign.deleted_at).is_not(None), col(Campaign.deleted_at) <= cutoff)
    expired = list((await session.exec(stmt)).all())
    for campaign_id in expired:
        await erase(session, storage, campaign_id)
    return len(expired)


async def restore(session: AsyncSession, settings: Settings, campaign_id: uuid.UUID) -> Campaign:
    """Bring a deleted campaign back, while its retention window lasts (admins only, checked by the route)."""
    campaign = await get_campaign(session, campaign_id, for_update=True, deleted=True)
    assert campaign.deleted_at is not None
    if campaign.deleted_at + timedelta(days=settings.campaign_retention_days) <= utcnow():
        raise NotFound("This campaign was deleted too long ago to restore; its files are gone.", code="not_found")
    campaign.deleted_at = None
    session.add(campaign)
    await commit(session)
    logger.info("campaign restored", extra={"campaign_id": str(campaign.id)})
    return campaign
