"""Comments on a proof, pinned to a part of the email, and the feedback they become for the writer."""

import uuid

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.campaigns.models import Campaign
from app.core.errors import InvalidInput, WrongStep
from app.core.text import clean_text, require_length
from app.core.transactions import commit
from app.proofs.queries import latest_proof
from app.reviews.models import Decision, ReviewComment
from app.reviews.sections import check_section, label


async def add_comment(
    session: AsyncSession,
    campaign: Campaign,
    *,
    author_name: str,
    author_email: str | None,
    body: str,
    section: str | None,
    link_id: uuid.UUID | None = None,
) -> ReviewComment:
    """A comment on the latest proof (the one a reviewer sees)."""
    proof = await latest_proof(session, campaign.id)
    if proof is None:
        raise WrongStep("There is no proof to comment on yet.", code="no_proof")
    text = require_length("The comment", clean_text(body, "The comment"), min_length=1, max_length=2000)
    comment = ReviewComment(
        campaign_id=campaign.id,
        link_id=link_id,
        proof_version=proof.version,
        author_name=author_name,
        author_email=author_email,
        section=check_section(section),
        body=text,
    )
    session.add(comment)
    await commit(session)
    return comment


def clean_reviewer(name: str, email: str) -> tuple[str, str]:
    """A reviewer's name and address, as they will show in the history."""
    name = require_length("Your name", " ".join(clean_text(name, "Your name").split()), min_length=1, max_length=120)
    email = email.strip()
    local, _, domain = email.partition("@")
    if not local or "." not in domain or any(ch.isspace() for ch in email) or len(email) > 254:
        raise InvalidInput("Enter your e-mail address, like name@example.com.", code="invalid_email")
    return name, email


async def pinned_feedback(session: AsyncSession, decision: Decision) -> str:
    """The decision's comment plus the comments pinned on the version it decided, for the writer.

    Each pinned comment reads "On paragraph 2: …", which the writer (and the hand-edit keeper, which
    looks for field names like "paragraph 2" or "headline") understands.
    """
    stmt = (
        select(ReviewComment)
        .where(
            ReviewComment.campaign_id == decision.campaign_id,
            ReviewComment.proof_version == decision.proof_version,
            col(ReviewComment.created_at) <= decision.created_at,
        )
        .order_by(col(ReviewComment.created_at))
    )
    comments = list((await session.exec(stmt)).all())
    lines = [decision.comment] if decision.comment else []
    for c in comments:
        where = f"On {label(c.section)}: " if c.section else ""
        lines.append(f"{where}{c.body}")
    return "\n".join(lines)[:2000]
