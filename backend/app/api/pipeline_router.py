"""The pipeline steps that join two domains: writing the copy (and hand edits of it) answers a reviewer's
change request (reviews → copywriting); process and approve answer with the whole campaign
(app.api.campaign_views).
"""

from fastapi import APIRouter

from app.api.campaign_views import DecisionResult, ProcessResult, load_bundle, present_campaign
from app.auth.deps import CurrentUser
from app.campaigns.deps import CampaignForUpdate
from app.copywriting.deps import WriterDep
from app.copywriting.presenters import present_copy
from app.copywriting.schemas import CopyEdit, CopyVersionPublic
from app.copywriting.service import edit_copy, write_copy
from app.core.deps import SessionDep, SettingsDep
from app.core.errors import InvalidInput, NotFound, WrongStep, error_responses
from app.ratelimit.deps import rate_limit
from app.reviews.feedback import pending_feedback
from app.reviews.presenters import present_decision
from app.reviews.schemas import DecisionRequest
from app.reviews.service import decide
from app.storage.deps import StorageDep

# One router per step, so main mounts each next to its domain's other routes (the order of the API reference).
writing_router = APIRouter(tags=["pipeline"])
copy_edit_router = APIRouter(tags=["pipeline"])
approval_router = APIRouter(tags=["pipeline"])


@writing_router.post(
    "/process/{campaign_id}",
    summary="Write the email copy (AI, hard 5 s limit, offline fallback)",
    response_model=ProcessResult,
    responses=error_responses(NotFound, WrongStep),
    dependencies=[rate_limit("process")],  # every call may cost an AI request
)
async def process(
    campaign: CampaignForUpdate, session: SessionDep, settings: SettingsDep, writer: WriterDep, storage: StorageDep
) -> ProcessResult:
    """Three subject lines, preheader, headline, body, CTA and alt texts. `source` says which writer wrote them:
    `openai`, `offline` (no key configured) or `fallback` (the AI was late or unusable; `fallback_reason` says why).
    Numbers, dates and prices the advertiser never wrote come back as warnings on the copy."""
    feedback = await pending_feedback(session, campaign)
    copy, reused = await write_copy(session, campaign, writer, settings.ai_deadline_s, storage, feedback=feedback)
    bundle = await load_bundle(session, campaign)
    return ProcessResult(
        campaign=present_campaign(bundle, settings.public_base_url),
        copy_version=present_copy(copy),
        source=copy.source,  # type: ignore[arg-type]
        fallback_reason=copy.fallback_reason,
        reused=reused,
    )


@copy_edit_router.patch(
    "/campaigns/{campaign_id}/copy",
    tags=["copy"],
    summary="Edit the latest copy and pick the subject line to send; saves a new copy version",
    response_model=CopyVersionPublic,
    responses=error_responses(NotFound, WrongStep, InvalidInput),
)
async def update_copy(campaign: CampaignForUpdate, session: SessionDep, edit: CopyEdit) -> CopyVersionPublic:
    """Fields left out keep their value. The result has `source: "edited"` and the campaign goes back to
    `processed`, so `generate` renders a proof of it next. 409 once the campaign is approved."""
    return present_copy(await edit_copy(session, campaign, edit, feedback=await pending_feedback(session, campaign)))


@approval_router.post(
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
