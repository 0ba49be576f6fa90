"""The review link's own endpoints: no account, read and decide only, one campaign, rate-limited."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response, status
from fastapi.responses import HTMLResponse
from sqlmodel import select

from app.core.deps import SessionDep, SettingsDep
from app.core.errors import InvalidInput, NotFound, RateLimited, WrongStep, error_responses
from app.core.rates import parse_rate
from app.proofs.models import ProofVersion
from app.proofs.pictures import PicturePending
from app.proofs.queries import latest_proof
from app.proofs.render import EMAIL_CSP
from app.proofs.screenshots import ProofRenderer, RendererUnavailable, get_proof_renderer
from app.proofs.service import picture_proof
from app.ratelimit.deps import client_ip
from app.reviews.comments import add_comment, clean_reviewer
from app.reviews.links import LinkGone, hash_token, open_link
from app.reviews.presenters import present_comment, present_decision, reviewer_signature
from app.reviews.public import review_page
from app.reviews.schemas import (
    CommentPublic,
    DecisionRequest,
    ReviewDecisionResult,
    ReviewerComment,
    ReviewerDecision,
    ReviewPage,
)
from app.reviews.service import decide
from app.storage.deps import StorageDep

router = APIRouter(tags=["review (no account)"])


async def review_rate_limit(request: Request, token: str) -> None:
    """Like sign-in: per address and per link, so a token cannot be guessed by brute force."""
    settings = request.app.state.services.settings
    if not settings.rate_limit_enabled:
        return
    rate = parse_rate(settings.rate_limit_review)
    limiter = request.app.state.services.limiter
    for key in (f"review:ip:{client_ip(request)}", f"review:link:{hash_token(token)[:32]}"):
        verdict = await limiter.hit(key, rate)
        if not verdict.allowed:
            raise RateLimited(verdict.retry_after_s)


Limited = Depends(review_rate_limit)
ERRORS = (NotFound, LinkGone, RateLimited)


@router.get(
    "/review/{token}",
    summary="The proof data a review link shows: subject line, preheader, versions, comments, decisions",
    response_model=ReviewPage,
    responses=error_responses(*ERRORS),
    dependencies=[Limited],
)
async def get_review(token: str, session: SessionDep, storage: StorageDep, settings: SettingsDep) -> ReviewPage:
    link, campaign = await open_link(session, token)
    return await review_page(session, storage, settings.public_base_url, token, link, campaign)


@router.get(
    "/review/{token}/preview",
    summary="The proof itself: ?format=html the email, ?format=png a picture (device, theme)",
    responses={
        **error_responses(*ERRORS, WrongStep, RendererUnavailable, PicturePending),
        200: {"content": {"text/html": {}, "image/png": {}}, "description": "The email, or its picture"},
    },
    dependencies=[Limited],
)
async def review_preview(
    token: str,
    session: SessionDep,
    storage: StorageDep,
    settings: SettingsDep,
    renderer: Annotated[ProofRenderer, Depends(get_proof_renderer)],
    format: Annotated[Literal["html", "png"], Query()] = "html",
    version: Annotated[int | None, Query(ge=1, le=1_000_000)] = None,
    device: Annotated[Literal["desktop", "mobile"], Query()] = "desktop",
    theme: Annotated[Literal["light", "dark"], Query()] = "light",
) -> Response:
    _, campaign = await open_link(session, token)
    if version is None:
        proof = await latest_proof(session, campaign.id)
    else:
        stmt = select(ProofVersion).where(ProofVersion.campaign_id == campaign.id, ProofVersion.version == version)
        proof = (await session.exec(stmt)).first()
    if proof is None:
        raise NotFound("There is no such proof to review.", code="no_proof")
    if format == "png":
        image = await picture_proof(storage, settings, renderer, proof, device, theme)
        return Response(image, media_type="image/png", headers={"Cache-Control": "private, max-age=300"})
    html = await storage.get(proof.html_key)
    return HTMLResponse(html, headers={"Content-Security-Policy": EMAIL_CSP, "Cache-Control": "private, no-store"})


@router.post(
    "/review/{token}/comments",
    status_code=status.HTTP_201_CREATED,
    summary="A reviewer's comment on the latest proof, optionally pinned to a part of the email",
    response_model=CommentPublic,
    responses=error_responses(*ERRORS, WrongStep, InvalidInput),
    dependencies=[Limited],
)
async def review_comment(token: str, body: ReviewerComment, session: SessionDep) -> CommentPublic:
    link, campaign = await open_link(session, token)
    name, email = clean_reviewer(body.name, body.email)
    saved = await add_comment(
        session, campaign, author_name=name, author_email=email, body=body.body, section=body.section, link_id=link.id
    )
    return present_comment(saved, None)


@router.post(
    "/review/{token}/decision",
    summary="A reviewer approves the latest proof or asks for changes, signed with their name and e-mail",
    response_model=ReviewDecisionResult,
    responses=error_responses(*ERRORS, WrongStep, InvalidInput),
    dependencies=[Limited],
)
async def review_decision(
    token: str, body: ReviewerDecision, session: SessionDep, storage: StorageDep, settings: SettingsDep
) -> ReviewDecisionResult:
    _, campaign = await open_link(session, token, for_update=True)
    name, email = clean_reviewer(body.name, body.email)
    request = DecisionRequest(decision=body.decision, comment=body.comment, proof_version=body.proof_version)
    decision = await decide(session, storage, settings, campaign, request, decided_by=reviewer_signature(name, email))
    return ReviewDecisionResult(decision=present_decision(decision, None), status=campaign.status)
