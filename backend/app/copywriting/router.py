"""HTTP endpoints for the advertiser's own edits of the copy and of the sale's facts.

POST /process answers with the whole campaign, so it lives in app.api.pipeline_router.
"""

from fastapi import APIRouter

from app.campaigns.deps import CampaignForUpdate
from app.copywriting.facts_corrections import FactsCorrection, correct_facts
from app.copywriting.presenters import present_copy
from app.copywriting.schemas import CopyVersionPublic
from app.core.deps import SessionDep
from app.core.errors import InvalidInput, NotFound, WrongStep, error_responses

router = APIRouter(tags=["pipeline"])


@router.patch(
    "/campaigns/{campaign_id}/facts",
    tags=["copy"],
    summary="Correct the sale's facts (dates, place, terms, contacts...); saves a new copy version",
    response_model=CopyVersionPublic,
    responses=error_responses(NotFound, WrongStep, InvalidInput),
)
async def update_facts(campaign: CampaignForUpdate, session: SessionDep, patch: FactsCorrection) -> CopyVersionPublic:
    """Send only the fields to correct (a partial facts record; `terms` and `contact` field by field; null or []
    clears). The result has `source: "edited"`, the same copy, and `facts` with the corrections on top; every
    later version keeps them, so a corrected fact wins over the parse. 409 once the campaign is approved."""
    return present_copy(await correct_facts(session, campaign, patch))
