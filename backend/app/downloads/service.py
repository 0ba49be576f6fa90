"""Finding the approved package of a campaign."""

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.campaigns.models import Campaign
from app.campaigns.status import require_approved
from app.core.errors import NotFound
from app.proofs.models import ProofVersion


async def approved_package(session: AsyncSession, campaign: Campaign) -> tuple[ProofVersion, str]:
    """The approved proof and its ZIP's storage key; 409 before approval."""
    require_approved(campaign.status)
    stmt = (
        select(ProofVersion)
        .where(ProofVersion.campaign_id == campaign.id, col(ProofVersion.package_key).is_not(None))
        .order_by(col(ProofVersion.version).desc())
        .limit(1)
    )
    proof = (await session.exec(stmt)).first()
    if proof is None or proof.package_key is None:
        raise NotFound("The approved package is missing; approve the proof again.", code="package_missing")
    return proof, proof.package_key


def package_filename(campaign: Campaign, proof: ProofVersion) -> str:
    return f"{campaign.slug}-v{proof.version}.zip"
