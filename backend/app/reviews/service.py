"""Recording decisions on proofs; approval builds the download package once."""

import asyncio
import logging

from sqlmodel.ext.asyncio.session import AsyncSession

from app.campaigns.models import Campaign, CampaignStatus
from app.campaigns.queries import list_assets
from app.campaigns.status import move_to, require_can_decide
from app.copywriting.queries import latest_copy
from app.core.clock import utcnow
from app.core.config import Settings
from app.core.errors import InvalidInput, WrongStep
from app.core.text import clean_text
from app.core.transactions import commit_with_files
from app.core.workers import run_cpu
from app.delivery.service import generic_how_to
from app.downloads.package import build_package
from app.downloads.public_assets import publish_email_images
from app.images.renditions import ensure_renditions
from app.proofs.calendar import auction_ics
from app.proofs.models import ProofVersion
from app.proofs.queries import latest_proof
from app.proofs.service import facts_of, media_keys_in
from app.reviews.models import Decision, DecisionKind
from app.reviews.schemas import DecisionRequest
from app.storage.base import Storage, new_key

logger = logging.getLogger(__name__)


async def _package(
    session: AsyncSession,
    storage: Storage,
    settings: Settings,
    campaign: Campaign,
    proof: ProofVersion,
    approved_at: str,
) -> str:
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
        "approved_at": approved_at,
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
    key = new_key(campaign.id, "packages", "zip")
    await storage.put(key, data, "application/zip")
    return key


async def decide(
    session: AsyncSession,
    storage: Storage,
    settings: Settings,
    campaign: Campaign,
    request: DecisionRequest,
    decided_by: str = "anonymous",
) -> Decision:
    """Approve or request changes on the latest proof; every decision is kept."""
    require_can_decide(campaign.status)
    proof = await latest_proof(session, campaign.id)
    if proof is None:
        raise WrongStep("No proof to review yet: run generate (POST /api/v1/generate/{id}) first.")
    if request.proof_version is not None and request.proof_version != proof.version:
        raise WrongStep(
            f"Proof version {request.proof_version} is not the latest (version {proof.version}); "
            "review the latest proof instead.",
            code="stale_proof",
        )
    comment = clean_text(request.comment, "comment")
    if request.decision == DecisionKind.request_changes and not comment:
        raise InvalidInput("Say what should change: a comment is required to request changes.", code="comment_required")

    now = utcnow()
    decision = Decision(
        campaign_id=campaign.id,
        proof_version=proof.version,
        decision=request.decision,
        comment=comment,
        decided_by=decided_by,
        created_at=now,
    )
    package_key = None
    if request.decision == DecisionKind.approve:
        package_key = await _package(session, storage, settings, campaign, proof, now.isoformat())
        proof.package_key = package_key
        session.add(proof)
        move_to(campaign, CampaignStatus.approved, now)
    else:
        move_to(campaign, CampaignStatus.changes_requested, now)
    session.add_all([decision, campaign])
    # Committed here: a failed commit removes the package, and the write lock (SQLite) is not held while
    # the response is built.
    async with commit_with_files(session, storage) as stored:
        if package_key:
            stored.add(package_key)
    logger.info("decision recorded", extra={"campaign_id": str(campaign.id), "decision": request.decision.value})
    return decision
