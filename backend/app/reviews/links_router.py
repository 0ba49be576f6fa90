"""HTTP endpoints for sharing a campaign: review links, and the advertiser's own comments."""

import uuid

from fastapi import APIRouter, Response, status

from app.auth.deps import CurrentUser
from app.campaigns.deps import CampaignForRead, CampaignForUpdate
from app.core.clock import utcnow
from app.core.deps import SessionDep, SettingsDep
from app.core.errors import InvalidInput, NotFound, WrongStep, error_responses
from app.reviews.comments import add_comment
from app.reviews.links import create_link, list_links, review_url, revoke_link
from app.reviews.models import ReviewLink
from app.reviews.presenters import present_comment
from app.reviews.schemas import CommentCreate, CommentPublic, ReviewLinkCreate, ReviewLinkCreated, ReviewLinkPublic

# "pipeline" first: operation ids are `<first tag>-<name>`, and the generated client calls these pipeline-*.
router = APIRouter(tags=["pipeline", "review links"])


def _present(link: ReviewLink) -> ReviewLinkPublic:
    active = link.revoked_at is None and (link.expires_at is None or link.expires_at > utcnow())
    return ReviewLinkPublic.model_validate({**link.model_dump(), "active": active})


@router.post(
    "/campaigns/{campaign_id}/review-links",
    status_code=status.HTTP_201_CREATED,
    summary="A link for someone without an account to see the proof, comment and approve",
    response_model=ReviewLinkCreated,
    responses=error_responses(NotFound, InvalidInput),
)
async def create_review_link(
    campaign: CampaignForRead,
    session: SessionDep,
    settings: SettingsDep,
    user: CurrentUser,
    body: ReviewLinkCreate | None = None,
) -> ReviewLinkCreated:
    """The URL holds the only copy of the token: copy it now. Expires after `expires_in_days` (1-30, default 7)."""
    options = body or ReviewLinkCreate()
    link, token = await create_link(
        session, campaign, created_by=user.email, expires_in_days=options.expires_in_days, label=options.label.strip()
    )
    url = review_url(str(settings.frontend_url), token)
    return ReviewLinkCreated(**_present(link).model_dump(), url=url)


@router.get(
    "/campaigns/{campaign_id}/review-links",
    summary="The campaign's review links (their tokens are not kept, so no URLs)",
    response_model=list[ReviewLinkPublic],
    responses=error_responses(NotFound),
)
async def list_review_links(campaign: CampaignForRead, session: SessionDep) -> list[ReviewLinkPublic]:
    return [_present(link) for link in await list_links(session, campaign.id)]


@router.delete(
    "/campaigns/{campaign_id}/review-links/{link_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Switch a review link off; it answers 410 from now on",
    responses=error_responses(NotFound),
)
async def revoke_review_link(campaign: CampaignForRead, link_id: uuid.UUID, session: SessionDep) -> Response:
    await revoke_link(session, campaign, link_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/campaigns/{campaign_id}/comments",
    status_code=status.HTTP_201_CREATED,
    summary="Comment on the latest proof, optionally pinned to a part of the email",
    response_model=CommentPublic,
    responses=error_responses(NotFound, WrongStep, InvalidInput),
)
async def comment(
    campaign: CampaignForUpdate, body: CommentCreate, session: SessionDep, user: CurrentUser
) -> CommentPublic:
    """A request for changes hands the comments on that version to the writer."""
    name = campaign.advertiser_name if campaign.owner_id == user.id else "HiBid staff"
    saved = await add_comment(
        session, campaign, author_name=name, author_email=user.email, body=body.body, section=body.section
    )
    return present_comment(saved, user)
