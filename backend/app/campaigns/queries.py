"""Loading campaigns and their assets from the database."""

import uuid

from sqlalchemy import case, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.campaigns.models import Asset, AssetRole, Campaign
from app.core.errors import NotFound


async def get_campaign(
    session: AsyncSession,
    campaign_id: uuid.UUID,
    *,
    for_update: bool = False,
    owner_id: uuid.UUID | None = None,
    deleted: bool = False,
) -> Campaign:
    """The campaign with this id (and, when `owner_id` is given, that owner); NotFound otherwise.

    A deleted campaign is not found, except with `deleted=True`, which finds only deleted ones (restore).
    """
    stmt = select(Campaign).where(Campaign.id == campaign_id)
    stmt = stmt.where(col(Campaign.deleted_at).is_not(None) if deleted else col(Campaign.deleted_at).is_(None))
    if owner_id is not None:
        stmt = stmt.where(Campaign.owner_id == owner_id)
    if for_update:
        stmt = stmt.with_for_update()
    campaign = (await session.exec(stmt)).first()
    if campaign is None:
        raise NotFound("No campaign with this id.")
    return campaign


async def list_assets(session: AsyncSession, campaign_id: uuid.UUID) -> list[Asset]:
    logo_first = case((col(Asset.role) == AssetRole.logo, 0), else_=1)
    stmt = select(Asset).where(Asset.campaign_id == campaign_id).order_by(logo_first, col(Asset.position))
    return list((await session.exec(stmt)).all())


async def page_campaigns(
    session: AsyncSession, *, limit: int, offset: int, owner_id: uuid.UUID | None = None, deleted: bool = False
) -> tuple[list[Campaign], dict[uuid.UUID, Asset], int]:
    """Newest first, with each campaign's first hero (or logo) as thumbnail; `deleted`: the bin instead."""
    live = col(Campaign.deleted_at).is_not(None) if deleted else col(Campaign.deleted_at).is_(None)
    base = select(Campaign).where(live)
    count = select(func.count()).select_from(Campaign).where(live)
    if owner_id is not None:
        base = base.where(Campaign.owner_id == owner_id)
        count = count.where(Campaign.owner_id == owner_id)
    total = (await session.exec(count)).one()
    rows = list(
        (
            await session.exec(
                base.order_by(col(Campaign.created_at).desc(), col(Campaign.id)).limit(limit).offset(offset)
            )
        ).all()
    )
    thumbs: dict[uuid.UUID, Asset] = {}
    if rows:
        assets = await session.exec(select(Asset).where(col(Asset.campaign_id).in_([c.id for c in rows])))
        for asset in assets.all():
            current = thumbs.get(asset.campaign_id)
            better = current is None or (
                asset.role == "hero" and (current.role == "logo" or asset.position < current.position)
            )
            if better:
                thumbs[asset.campaign_id] = asset
    return rows, thumbs, int(total)
