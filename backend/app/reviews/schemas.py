"""Request and response shapes of the review step."""

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.campaigns.models import CampaignStatus
from app.reviews.models import DecisionKind


class DecisionRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"example": {"decision": "approve", "comment": "Looks great", "proof_version": 1}},
    )

    decision: DecisionKind
    comment: str = Field(default="", max_length=2000)
    proof_version: int | None = Field(default=None, ge=1, le=1_000_000, description="Defaults to the latest proof")


class DecisionPublic(BaseModel):
    id: uuid.UUID
    decision: DecisionKind
    comment: str
    proof_version: int
    decided_by: str
    via_review_link: bool = Field(False, description="Decided by a reviewer without an account, through a link")
    created_at: datetime


class CommentPublic(BaseModel):
    id: uuid.UUID
    proof_version: int
    author_name: str
    author_email: str | None
    section: str | None = Field(description='The part of the email it points at ("headline", "photo-1"...)')
    body: str
    via_review_link: bool
    created_at: datetime


class ReviewLinkCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"example": {"expires_in_days": 7, "label": "Owner"}})

    expires_in_days: int = Field(7, ge=1, le=30)
    label: str = Field("", max_length=120, description="Who the link is for, shown in your list of links")


class ReviewLinkPublic(BaseModel):
    id: uuid.UUID
    label: str
    created_by: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    active: bool


class ReviewLinkCreated(ReviewLinkPublic):
    url: str = Field(description="The page to send the reviewer; shown only now (only a hash of it is kept)")


class CommentCreate(BaseModel):
    """A comment from the advertiser, on the latest proof."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"example": {"body": "Bigger", "section": "headline"}})

    body: str = Field(max_length=4000)
    section: str | None = Field(None, max_length=40, description='"headline", "paragraph-2", "photo-1"... or none')


class ReviewerComment(CommentCreate):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "example": {"name": "Ann Owner", "email": "ann@example.com", "body": "Wrong date", "section": "details"}
        },
    )

    name: str = Field(max_length=400)
    email: str = Field(max_length=320)


class ReviewerDecision(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"example": {"name": "Ann Owner", "email": "ann@example.com", "decision": "approve"}},
    )

    name: str = Field(max_length=400)
    email: str = Field(max_length=320)
    decision: DecisionKind
    comment: str = Field(default="", max_length=2000)
    proof_version: int | None = Field(default=None, ge=1, le=1_000_000, description="Defaults to the latest proof")


class ReviewVersion(BaseModel):
    version: int
    created_at: datetime
    html_url: str
    approved: bool


class ReviewPage(BaseModel):
    """What a reviewer with a link sees: the proofs and what was said about them; nothing else."""

    campaign_name: str
    advertiser_name: str
    status: CampaignStatus
    can_decide: bool = Field(description="True when the latest proof awaits a decision")
    latest_version: int | None
    subject_lines: list[str]
    primary_subject_index: int
    preheader: str
    sections: list[str] = Field(description="The ids of the latest proof's parts, for pinning a comment")
    versions: list[ReviewVersion]
    comments: list[CommentPublic]
    decisions: list[DecisionPublic]
    expires_at: datetime | None


class ReviewDecisionResult(BaseModel):
    decision: DecisionPublic
    status: CampaignStatus


PreviewFormat = Literal["html", "png"]
