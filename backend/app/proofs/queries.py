"""Loading a campaign's proof versions from the database."""

import uuid

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.proofs.models import ProofVersion


async def latest_proof(session: AsyncSession, campaign_id: uuid.UUID) -> ProofVersion | None:
    stmt = (
        select(ProofVersion)
        .where(ProofVersion.campaign_id == campaign_id)
        .order_by(col(ProofVersion.version).desc())
        .limit(1)
    )
    return (await session.exec(stmt)).first()


async def list_proofs(session: AsyncSession, campaign_id: uuid.UUID) -> list[ProofVersion]:
    stmt = select(ProofVersion).where(ProofVersion.campaign_id == campaign_id).order_by(col(ProofVersion.version))
    return list((await session.exec(stmt)).all())
