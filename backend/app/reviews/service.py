"""Recording decisions on proofs; approval has the download package built once (app/downloads/packaging.py)."""

import logging

from sqlmodel.ext.asyncio.session import AsyncSession

from app.campaigns.models import Campaign, CampaignStatus
from app.campaigns.status import move_to, require_can_decide
from app.core.clock import utcnow
from app.core.config import Settings
from app.core.errors import InvalidInput, WrongStep
from app.core.text import clean_text
from app.core.transactions import commit_with_files
from app.downloads.packaging import build_package_file
from app.jobs import enqueue
from app.jobs.broker import jobs_enabled
from app.proofs.queries import latest_proof
from app.reviews.models import Decision, DecisionKind
from app.reviews.schemas import DecisionRequest
from app.storage.base import Storage, new_key

logger = logging.getLogger(__name__)


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
    built = False
    if request.decision == DecisionKind.approve:
        # The package's key is chosen now, once: a job building it (run twice or not) writes only there.
        package_key = new_key(campaign.id, "packages", "zip")
        if not jobs_enabled():  # no worker: built here, so the download is ready when approve answers
            await build_package_file(session, storage, settings, campaign, proof, package_key, now)
            built = True
        proof.package_key = package_key  # after the build: no row is written (and locked) while it runs
        session.add(proof)
        move_to(campaign, CampaignStatus.approved, now)
    else:
        move_to(campaign, CampaignStatus.changes_requested, now)
    session.add_all([decision, campaign])
    # Committed here: a failed commit removes a package built here, and the write lock (SQLite) is not held
    # while the response is built.
    async with commit_with_files(session, storage) as stored:
        if built and package_key:
            stored.add(package_key)
    if package_key and not built:  # queued only once committed: the job reads the key from the proof's row
        enqueue.send(enqueue.BUILD_PACKAGE, str(proof.id), now.isoformat())
    logger.info("decision recorded", extra={"campaign_id": str(campaign.id), "decision": request.decision.value})
    return decision
