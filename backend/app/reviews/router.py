"""HTTP endpoint for approving a proof or asking for changes."""

from fastapi import APIRouter

from app.auth.deps import CurrentUser
from app.campaigns.deps import CampaignForUpdate
from app.campaigns.presenters import present_campaign
from app.campaigns.queries import load_bundle
from app.campaigns.schemas import DecisionResult
from app.core.deps import SessionDep, SettingsDep
from app.core.errors import InvalidInput, NotFound, WrongStep, error_responses
from app.reviews.links_router import router as links_router
from app.reviews.presenters import present_decision
from app.reviews.schemas import DecisionRequest
from app.reviews.service import decide
from app.storage.deps import StorageDep

router = APIRouter(tags=["pipeline"])


@router.post(
    "/approve/{campaign_id}",
    summary="Approve the latest proof, or request changes with a comment",
    response_model=DecisionResult,
    responses=error_responses(NotFound, WrongStep, InvalidInput),
)
async def approve(
    campaign: CampaignForUpdate,
    body: DecisionRequest,
    session: SessionDep,
    storage: StorageDep,
    settings: SettingsDep,
    user: CurrentUser,
) -> DecisionResult:
    """`request_changes` sends the comment to the next process; `approve` prepares the download."""
    decision = await decide(session, storage, settings, campaign, body, decided_by=user.email)
    bundle = await load_bundle(session, campaign)
    return DecisionResult(
        campaign=present_campaign(bundle, settings.public_base_url), decision=present_decision(decision, user)
    )


# Sharing (review links, comments) lives in its own module; mounted here, under /api/v1 for signed-in users.
# The pages a link opens (app.reviews.public_router) need no account: main mounts them with the account routes.
router.include_router(links_router)
