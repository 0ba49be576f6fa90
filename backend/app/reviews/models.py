"""Decisions on proofs: who decided what on which version, and when."""

import uuid
from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from app.core.clock import utcnow
from app.core.db_types import utc_column


class DecisionKind(StrEnum):
    approve = "approve"
    request_changes = "request_changes"


class Decision(SQLModel, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    campaign_id: uuid.UUID = Field(foreign_key="campaign.id", index=True, ondelete="CASCADE")
    proof_version: int
    decision: DecisionKind = Field(max_length=20)
    comment: str = Field(default="", max_length=2000)
    decided_by: str = Field(default="anonymous", max_length=320)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column(nullable=False))


class ReviewLink(SQLModel, table=True):
    """A link that lets someone without an account (the consignor, the owner) see the proof and answer."""

    __tablename__ = "review_link"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    campaign_id: uuid.UUID = Field(foreign_key="campaign.id", index=True, ondelete="CASCADE")
    # Only a hash of the token is kept: a database leak does not open the reviews.
    token_hash: str = Field(max_length=64, unique=True, index=True)
    label: str = Field(default="", max_length=120)
    created_by: str = Field(max_length=320)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column(nullable=False))
    expires_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))
    revoked_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True))


class ReviewComment(SQLModel, table=True):
    """A comment left on a proof, by the advertiser or through a review link."""

    __tablename__ = "review_comment"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    campaign_id: uuid.UUID = Field(foreign_key="campaign.id", index=True, ondelete="CASCADE")
    link_id: uuid.UUID | None = Field(default=None, foreign_key="review_link.id", ondelete="SET NULL")
    proof_version: int
    author_name: str = Field(max_length=120)
    author_email: str | None = Field(default=None, max_length=320)
    # The part of the email the comment points at ("headline", "paragraph-2", "photo-1"...), if any.
    section: str | None = Field(default=None, max_length=40)
    body: str = Field(max_length=2000)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column(nullable=False))
