"""Review links: a token that lets one person without an account read one campaign's proofs and answer.

The token (256 random bits) is shown once, in the link; only its SHA-256 is stored, so a copy of the
database opens nothing. A link can be revoked, expires (1-30 days), and reaches only its campaign.
"""

import hashlib
import secrets
import uuid
from datetime import timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.campaigns.models import Campaign
from app.campaigns.queries import get_campaign
from app.core.clock import utcnow
from app.core.errors import AppError, NotFound
from app.core.transactions import commit
from app.reviews.models import ReviewLink

TOKEN_BYTES = 32


class LinkGone(AppError):
    """A link that existed but no longer opens (revoked or expired)."""

    status_code = 410
    code = "review_link_gone"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def review_url(frontend_url: str, token: str) -> str:
    return f"{frontend_url.rstrip('/')}/review/{token}"


async def create_link(
    session: AsyncSession, campaign: Campaign, *, created_by: str, expires_in_days: int, label: str = ""
) -> tuple[ReviewLink, str]:
    """A new link and its token (the only time the token exists outside the reviewer's URL)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = ReviewLink(
        campaign_id=campaign.id,
        token_hash=hash_token(token),
        label=label,
        created_by=created_by,
        expires_at=utcnow() + timedelta(days=expires_in_days),
    )
    session.add(link)
    await commit(session)
    return link, token


async def list_links(session: AsyncSession, campaign_id: uuid.UUID) -> list[ReviewLink]:
    stmt = select(ReviewLink).where(ReviewLink.campaign_id == campaign_id).order_by(col(ReviewLink.created_at))
    return list((await session.exec(stmt)).all())


async def revoke_link(session: AsyncSession, campaign: Campaign, link_id: uuid.UUID) -> None:
    stmt = select(ReviewLink).where(ReviewLink.id == link_id, ReviewLink.campaign_id == campaign.id)
    link = (await session.exec(stmt)).first()
    if link is None:
        raise NotFound("This campaign has no review link with this id.", code="review_link_not_found")
    if link.revoked_at is None:
        link.revoked_at = utcnow()
        session.add(link)
        await commit(session)


async def open_link(session: AsyncSession, token: str, *, for_update: bool = False) -> tuple[ReviewLink, Campaign]:
    """The link and its campaign; 404 for an unknown token, 410 for a revoked or expired one."""
    link = (await session.exec(select(ReviewLink).where(ReviewLink.token_hash == hash_token(token)))).first()
    if link is None:
        raise NotFound(
            "This review link does not exist. Check that it was copied whole, or ask for a new one.",
            code="review_link_not_found",
        )
    if link.revoked_at is not None:
        raise LinkGone("This review link was switched off by the advertiser. Ask them for a new one.")
    if link.expires_at is not None and link.expires_at <= utcnow():
        raise LinkGone("This review link has expired. Ask the advertiser for a new one.")
    try:
        campaign = await get_campaign(session, link.campaign_id, for_update=for_update)
    except NotFound as exc:  # deleted since the link was shared
        raise LinkGone("This campaign is no longer available for review.") from exc
    return link, campaign
