"""What a reviewer asked to change, for the next copy (the API layer hands it to copywriting)."""

from sqlmodel.ext.asyncio.session import AsyncSession

from app.campaigns.models import Campaign, CampaignStatus
from app.reviews.comments import pinned_feedback
from app.reviews.models import DecisionKind
from app.reviews.queries import latest_decision


async def pending_feedback(session: AsyncSession, campaign: Campaign) -> str | None:
    """The comment of a request_changes decision that no copy has answered yet."""
    if campaign.status != CampaignStatus.changes_requested:
        return None
    decision = await latest_decision(session, campaign.id)
    if decision and decision.decision == DecisionKind.request_changes:
        # The comment, and every comment pinned on that version ("On the headline: …").
        return await pinned_feedback(session, decision) or None
    return None
