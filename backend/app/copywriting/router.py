"""HTTP endpoints for the AI copy step and the advertiser's own edits."""

from fastapi import APIRouter

from app.campaigns.deps import CampaignForUpdate
from app.campaigns.presenters import present_campaign
from app.campaigns.queries import load_bundle
from app.campaigns.schemas import ProcessResult
from app.copywriting.deps import WriterDep
from app.copywriting.facts_corrections import FactsCorrection, correct_facts
from app.copywriting.presenters import present_copy
from app.copywriting.schemas import CopyEdit, CopyVersionPublic
from app.copywriting.service import edit_copy, write_copy
from app.core.deps import SessionDep, SettingsDep
from app.core.errors import InvalidInput, NotFound, WrongStep, error_responses
from app.ratelimit.deps import rate_limit
from app.storage.deps import StorageDep

router = APIRouter(tags=["pipeline"])


@router.post(
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
    copy, reused = await write_copy(session, campaign, writer, settings.ai_deadline_s, storage)
    bundle = await load_bundle(session, campaign)
    return ProcessResult(
        campaign=present_campaign(bundle, settings.public_base_url),
        copy_version=present_copy(copy),
        source=copy.source,  # type: ignore[arg-type]
        fallback_reason=copy.fallback_reason,
        reused=reused,
    )


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


@router.patch(
    "/campaigns/{campaign_id}/copy",
    tags=["copy"],
    summary="Edit the latest copy and pick the subject line to send; saves a new copy version",
    response_model=CopyVersionPublic,
    responses=error_responses(NotFound, WrongStep, InvalidInput),
)
async def update_copy(campaign: CampaignForUpdate, session: SessionDep, edit: CopyEdit) -> CopyVersionPublic:
    """Fields left out keep their value. The result has `source: "edited"` and the campaign goes back to
    `processed`, so `generate` renders a proof of it next. 409 once the campaign is approved."""
    return present_copy(await edit_copy(session, campaign, edit))
