"""HTTP endpoint for the AI copy step."""

from fastapi import APIRouter

from app.campaigns.presenters import present_campaign, present_copy
from app.campaigns.queries import load_bundle
from app.campaigns.schemas import ProcessResult
from app.copywriting.service import write_copy
from app.core.deps import CampaignForUpdate, SessionDep, SettingsDep, WriterDep
from app.core.errors import NotFound, WrongStep, error_responses
from app.ratelimit.deps import rate_limit

router = APIRouter(tags=["pipeline"])


@router.post(
    "/process/{campaign_id}",
    summary="Write the email copy (AI, hard 5 s limit, offline fallback)",
    response_model=ProcessResult,
    responses=error_responses(NotFound, WrongStep),
    dependencies=[rate_limit("process")],  # every call may cost an AI request
)
async def process(
    campaign: CampaignForUpdate, session: SessionDep, settings: SettingsDep, writer: WriterDep
) -> ProcessResult:
    """Three subject lines, preheader, headline, body, CTA and alt texts. `source` says which writer wrote them."""
    copy, reused = await write_copy(session, campaign, writer, settings.ai_deadline_s)
    bundle = await load_bundle(session, campaign)
    return ProcessResult(
        campaign=present_campaign(bundle, settings.public_base_url),
        copy_version=present_copy(copy),
        source=copy.source,  # type: ignore[arg-type]
        fallback_reason=copy.fallback_reason,
        reused=reused,
    )
