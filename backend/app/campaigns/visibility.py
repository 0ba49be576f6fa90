"""Whether /media may serve a key: never a file of a deleted (or erased) campaign."""

import uuid

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.campaigns.models import Campaign


def campaign_of_key(key: str) -> uuid.UUID | None:
    """`campaigns/<id>/...` → id; None for any other key."""
    parts = key.split("/")
    if len(parts) < 3 or parts[0] != "campaigns":
        return None
    try:
        return uuid.UUID(parts[1])
    except ValueError:
        return None


async def is_served(sessionmaker: async_sessionmaker[AsyncSession], key: str) -> bool:
    """True when the key belongs to a campaign that exists and is not deleted (one primary-key read)."""
    campaign_id = campaign_of_key(key)
    if campaign_id is None:
        return False
    async with sessionmaker() as session:
        stmt = select(Campaign.id).where(Campaign.id == campaign_id, col(Campaign.deleted_at).is_(None))
        return (await session.exec(stmt)).first() is not None
