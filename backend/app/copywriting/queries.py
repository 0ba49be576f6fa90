"""Loading a campaign's copy versions from the database."""

import uuid

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.copywriting.models import CopyVersion


async def latest_copy(session: AsyncSession, campaign_id: uuid.UUID) -> CopyVersion | None:
    stmt = (
        select(CopyVersion)
        .where(CopyVersion.campaign_id == campaign_id)
        .order_by(col(CopyVersion.version).desc())
        .limit(1)
    )
    return (await session.exec(stmt)).first()


async def copy_version(session: AsyncSession, campaign_id: uuid.UUID, version: int) -> CopyVersion | None:
    stmt = select(CopyVersion).where(CopyVersion.campaign_id == campaign_id, CopyVersion.version == version)
    return (await session.exec(stmt)).first()


async def list_copies(session: AsyncSession, campaign_id: uuid.UUID) -> list[CopyVersion]:
    stmt = select(CopyVersion).where(CopyVersion.campaign_id == campaign_id).order_by(col(CopyVersion.version))
    return list((await session.exec(stmt)).all())
