"""API shapes of a campaign's own fields and assets (app.api.campaign_views composes the full campaign)."""

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from app.campaigns.models import AssetRole, CampaignStatus, Tone


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


class CampaignSummary(BaseModel):
    id: uuid.UUID
    campaign_name: str
    advertiser_name: str
    status: CampaignStatus
    created_at: datetime
    updated_at: datetime
    thumbnail_url: str | None


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


class CampaignPage(BaseModel):
    items: list[CampaignSummary]
    total: int
    limit: int
    offset: int
