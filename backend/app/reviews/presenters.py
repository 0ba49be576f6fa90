"""Decisions and comments as a viewer may see them (staff addresses only to staff)."""

from app.auth.models import User
from app.reviews.models import Decision, ReviewComment
from app.reviews.schemas import CommentPublic, DecisionPublic

STAFF_LABEL = "HiBid staff"
# How a decision made through a review link is signed: the reviewer's own name and address, which the
# advertiser who shared the link may see (they are not staff accounts).
REVIEWER_SUFFIX = " (review link)"


def reviewer_signature(name: str, email: str) -> str:
    return f"{name} <{email}>{REVIEWER_SUFFIX}"


def present_decision(decision: Decision, viewer: User | None) -> DecisionPublic:
    """A decision as `viewer` may see it: staff e-mail addresses are shown to staff and to nobody else.

    `viewer` None: a reviewer through a link, who sees reviewers' names and "HiBid staff" for accounts.
    """
    public = DecisionPublic.model_validate(decision, from_attributes=True)
    if decision.decided_by.endswith(REVIEWER_SUFFIX):
        public.decided_by = decision.decided_by.removesuffix(REVIEWER_SUFFIX)
        public.via_review_link = True
    elif viewer is None or (not viewer.is_admin and decision.decided_by != viewer.email):
        public.decided_by = STAFF_LABEL
    return public


def present_comment(comment: ReviewComment, viewer: User | None) -> CommentPublic:
    """Reviewers' names and addresses are shown; an account's address only to staff and its owner."""
    by_link = comment.link_id is not None
    email = comment.author_email
    if not by_link and (viewer is None or (not viewer.is_admin and email != viewer.email)):
        email = None
    return CommentPublic(
        id=comment.id,
        proof_version=comment.proof_version,
        author_name=comment.author_name,
        author_email=email,
        section=comment.section,
        body=comment.body,
        via_review_link=by_link,
        created_at=comment.created_at,
    )
