"""API shapes of campaigns and everything hanging off them."""

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.campaigns.models import AssetRole, CampaignStatus, Tone
from app.copywriting.schemas import CopyVersionPublic
from app.proofs.schemas import ProofVersionPublic
from app.reviews.schemas import CommentPublic, DecisionPublic


class AssetPublic(BaseModel):
    id: uuid.UUID
    role: AssetRole
    position: int
    filename: str
    content_type: str
    url: str = Field(description="Email rendition (at most 1200 px wide)")
    original_url: str
    width: int
    height: int
    bytes: int
    focal_x: float = Field(0.5, description="Where the subject is, 0 (left) to 1 (right): crops keep it in view")
    focal_y: float = Field(0.5, description="Where the subject is, 0 (top) to 1 (bottom)")


class CampaignPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "id": "3f1c9b7e-8a2d-4c55-9d0e-6b1f2a3c4d5e",
                "campaign_name": "Annual Winter Estate Auction",
                "advertiser_name": "Smith & Sons Auctioneers",
                "status": "uploaded",
                "next_step": "process",
            }
        }
    )

    id: uuid.UUID
    campaign_name: str
    advertiser_name: str
    status: CampaignStatus
    next_step: str | None = Field(description="The pipeline call to make next, if any")
    text_content: str
    cta_url: str | None
    tone: Tone
    postal_address: str | None = Field(None, description="The sender's postal address, shown in the footer")
    created_at: datetime
    updated_at: datetime
    assets: list[AssetPublic]
    latest_copy: CopyVersionPublic | None
    latest_proof: ProofVersionPublic | None


class CampaignSummary(BaseModel):
    id: uuid.UUID
    campaign_name: str
    advertiser_name: str
    status: CampaignStatus
    created_at: datetime
    updated_at: datetime
    thumbnail_url: str | None


class CampaignDetail(CampaignPublic):
    copy_versions: list[CopyVersionPublic]
    proof_versions: list[ProofVersionPublic]
    decisions: list[DecisionPublic]
    comments: list[CommentPublic] = Field(default_factory=list)


class CampaignEdit(BaseModel):
    """Only the fields sent change; `cta_url` or `postal_address` set to null removes them."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"example": {"cta_url": "https://www.hibid.com/catalog/654321", "tone": "friendly"}},
    )

    campaign_name: str | None = Field(None, max_length=400)
    advertiser_name: str | None = Field(None, max_length=400)
    text_content: str | None = Field(None, max_length=20_000)
    cta_url: str | None = Field(None, max_length=4096)
    tone: Tone | None = None
    postal_address: str | None = Field(None, max_length=1000)


class AssetEdit(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"example": {"position": 0, "focal_x": 0.3}})

    position: int | None = Field(None, ge=0, le=10, description="Photos only: 0 is shown first")
    focal_x: float | None = Field(None, ge=0, le=1)
    focal_y: float | None = Field(None, ge=0, le=1)


class ReopenResult(BaseModel):
    campaign: CampaignPublic
    approved_version: int = Field(description="The approved proof version, still downloadable with ?version=")


class CampaignPage(BaseModel):
    items: list[CampaignSummary]
    total: int
    limit: int
    offset: int


class ProcessResult(BaseModel):
    campaign: CampaignPublic
    copy_version: CopyVersionPublic = Field(alias="copy", serialization_alias="copy")
    source: Literal["offline", "openai", "fallback", "edited"]
    fallback_reason: str | None
    reused: bool = Field(description="True when the stored copy was reused (same inputs, no feedback)")

    model_config = ConfigDict(populate_by_name=True)


class DecisionResult(BaseModel):
    campaign: CampaignPublic
    decision: DecisionPublic
