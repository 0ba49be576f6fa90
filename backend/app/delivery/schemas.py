"""Request and response bodies of the delivery endpoints."""

import uuid
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from app.delivery.esp.registry import ProviderName


class ImageMode(StrEnum):
    inline = "inline"  # images carried in the message (CID): they show even where remote images are blocked
    hosted = "hosted"  # images loaded from this server, as the real send will


class TestSendRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    to: list[str] = Field(min_length=1, max_length=5, description="Up to 5 addresses")
    version: int | None = Field(default=None, ge=1, description="Proof version; the latest when left out")
    images: ImageMode = ImageMode.inline


class TestSendResult(BaseModel):
    accepted: list[str]
    refused: list[str]
    message_id: str
    proof_version: int
    subject: str
    remaining_today: int


class DeliveryStatus(BaseModel):
    """What this server can do, so the web app shows only buttons that work."""

    test_send_available: bool
    test_send_daily_limit: int
    test_sends_left_today: int
    providers: list[ProviderName]


class IntegrationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    provider: ProviderName
    api_key: str = Field(min_length=8, max_length=500, repr=False)
    label: str = Field(default="", max_length=120)


class IntegrationPublic(BaseModel):
    """A connected account: never its key, only the key's last characters."""

    id: uuid.UUID
    provider: ProviderName
    label: str
    key_hint: str
    created_at: datetime


class PushRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    provider: ProviderName
    # Constant Contact needs a sender address the account has verified; the signed-in user's by default.
    from_email: str | None = Field(default=None, max_length=254)


class PushResult(BaseModel):
    provider: ProviderName
    remote_id: str
    url: str | None
    created: bool = Field(description="True for a new template, false when the one pushed before was updated")
    proof_version: int
