"""Finding the approved package of a campaign, and opening it for download."""

from collections.abc import AsyncGenerator, AsyncIterator
from typing import cast

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.campaigns.models import Campaign, CampaignStatus
from app.campaigns.status import require_approved
from app.core.config import Settings
from app.core.errors import NotFound
from app.downloads.packaging import package_ready
from app.jobs.broker import jobs_enabled
from app.proofs.models import ProofVersion
from app.storage.base import ObjectNotFound, Storage


async def approved_package(
    session: AsyncSession, campaign: Campaign, version: int | None = None
) -> tuple[ProofVersion, str]:
    """The approved proof and its ZIP's storage key; 409 before approval.

    `version`: an earlier approved version, still downloadable byte for byte after the campaign was
    reopened (its ZIP is built once, for its approval, and never rebuilt).
    """
    stmt = select(ProofVersion).where(ProofVersion.campaign_id == campaign.id)
    if version is not None:
        proof = (await session.exec(stmt.where(ProofVersion.version == version))).first()
        if proof is None or proof.package_key is None:
            raise NotFound(f"Version {version} of this campaign was never approved, so it has no download.")
        return proof, proof.package_key
    require_approved(campaign.status)
    stmt = stmt.where(col(ProofVersion.package_key).is_not(None)).order_by(col(ProofVersion.version).desc()).limit(1)
    proof = (await session.exec(stmt)).first()
    if proof is None or proof.package_key is None:
        raise NotFound("The approved package is missing; approve the proof again.", code="package_missing")
    return proof, proof.package_key


async def ready_package(
    session: AsyncSession, storage: Storage, settings: Settings, campaign: Campaign, version: int | None = None
) -> tuple[ProofVersion, str]:
    """`approved_package`, once its ZIP is stored: with a job worker building it, 409 package_pending until then."""
    proof, key = await approved_package(session, campaign, version)
    jobs = jobs_enabled()
    latest = version is None
    if jobs and not latest and campaign.status == CampaignStatus.approved:
        # `?version=N` of the approval a worker is still packaging waits for it too, rather than a 404.
        latest = (await approved_package(session, campaign))[0].id == proof.id
    await package_ready(session, storage, settings, campaign, proof, latest_approved=latest, jobs=jobs)
    return proof, key


async def open_package(storage: Storage, key: str) -> AsyncIterator[bytes]:
    """The ZIP as a stream of chunks (never whole in memory), opened before the response starts.

    Reading the first chunk here means a missing file is a 404 and an unreachable store a 503,
    instead of a 200 whose body breaks off.
    """
    chunks = storage.stream(key)
    try:
        first = await anext(chunks, b"")
    except ObjectNotFound as exc:
        raise NotFound("The approved package is missing; approve the proof again.", code="package_missing") from exc

    async def body() -> AsyncIterator[bytes]:
        try:
            if first:
                yield first
            async for chunk in chunks:
                yield chunk
        finally:
            await cast(AsyncGenerator[bytes, None], chunks).aclose()

    return body()


def package_filename(campaign: Campaign, proof: ProofVersion) -> str:
    return f"{campaign.slug}-v{proof.version}.zip"
