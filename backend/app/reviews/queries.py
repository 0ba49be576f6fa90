"""Loading a campaign's review decisions and comments from the database."""

import uuid

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.reviews.models import Decision, ReviewComment


async def latest_decision(session: AsyncSession, campaign_id: uuid.UUID) -> Decision | None:
    stmt = (
        select(Decision).where(Decision.campaign_id == campaign_id).order_by(col(Decision.created_at).desc()).limit(1)
    )
    return (await session.exec(stmt)).first()


async def list_comments(session: AsyncSession, campaign_id: uuid.UUID) -> list[ReviewComment]:
    stmt = select(ReviewComment).where(ReviewComment.campaign_id == campaign_id).order_by(col(ReviewComment.created_at))
    return list((await session.exec(stmt)).all())


async def list_decisions(session: AsyncSession, campaign_id: uuid.UUID) -> list[Decision]:
    stmt = select(Decision).where(Decision.campaign_id == campaign_id).order_by(col(Decision.created_at))
    return list((await session.exec(stmt)).all())
