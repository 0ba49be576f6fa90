"""Request and response shapes of the review step."""

from pydantic import BaseModel, ConfigDict, Field

from app.campaigns.schemas import CampaignPublic, DecisionPublic
from app.reviews.models import DecisionKind


class DecisionRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"example": {"decision": "approve", "comment": "Looks great", "proof_version": 1}},
    )

    decision: DecisionKind
    comment: str = Field(default="", max_length=2000)
    proof_version: int | None = Field(default=None, ge=1, le=1_000_000, description="Defaults to the latest proof")


class DecisionResult(BaseModel):
    campaign: CampaignPublic
    decision: DecisionPublic
