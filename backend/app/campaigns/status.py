"""The campaign state machine: which step may run in which status."""

from datetime import datetime

from app.campaigns.models import Campaign
from app.campaigns.models import CampaignStatus as S
from app.core.clock import utcnow
from app.core.errors import WrongStep

NEXT_STEP = {
    S.uploaded: "process",
    S.changes_requested: "process",
    S.processed: "generate",
    S.proof_ready: "approve",
    S.approved: "download",
}


def move_to(campaign: Campaign, status: S, at: datetime | None = None) -> None:
    """Record that a step ran: the new status, and when the campaign last changed."""
    campaign.status = status
    campaign.updated_at = at or utcnow()


def next_step(status: S) -> str:
    return NEXT_STEP[status]


def require_not_approved(status: S) -> None:
    if status == S.approved:
        raise WrongStep(
            "This campaign is already approved and can no longer change; download it instead.",
            code="already_approved",
        )


def require_can_process(status: S) -> None:
    require_not_approved(status)


def require_can_generate(status: S) -> None:
    require_not_approved(status)
    if status in (S.uploaded, S.changes_requested):
        raise WrongStep("No copy to render yet: run process (POST /api/v1/process/{id}) first.")


def require_can_decide(status: S) -> None:
    require_not_approved(status)
    if status in (S.uploaded, S.changes_requested):
        raise WrongStep("Nothing to review yet: run process, then generate, first.")
    if status == S.processed:
        raise WrongStep("No proof of the latest copy yet: run generate (POST /api/v1/generate/{id}) first.")


def require_can_edit(status: S) -> None:
    """Details and photos change only before approval: an approved version never changes (reopen first)."""
    if status == S.approved:
        raise WrongStep(
            "This campaign is approved, so its email can no longer change. Reopen it to start a new round "
            "(POST /api/v1/campaigns/{id}/reopen); the approved version stays downloadable.",
            code="already_approved",
        )


def status_after_edit(status: S, *, copy_affected: bool) -> S:
    """Where an edit leaves the campaign: the next proof must show it, so it is a new version.

    A change the copy is written from (the text, the names, the tone) needs a new process; a change
    only the email shows (link, address, photos, logo) needs only a new generate. Past `uploaded`
    (processed, proof_ready, approved) a campaign always has copy: only writing or correcting copy moves
    it to processed, and a proof and an approval need one, so no copy query is needed here.
    """
    require_can_edit(status)
    if status in (S.uploaded, S.changes_requested):
        return status
    if copy_affected:
        return S.uploaded
    return S.processed


def require_can_reopen(status: S) -> None:
    if status != S.approved:
        raise WrongStep(
            "Only an approved campaign can be reopened; this one is still in its current round.",
            code="not_approved",
        )


def require_approved(status: S) -> None:
    if status != S.approved:
        raise WrongStep(
            "The campaign is not approved yet: approve a proof (POST /api/v1/approve/{id}) first.",
            code="not_approved",
        )
