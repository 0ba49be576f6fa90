"""Tables owned by the campaigns domain: the campaign and its uploaded assets."""

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, Integer
from sqlmodel import Field, SQLModel

from app.core.clock import utcnow
from app.core.db_types import utc_column


class CampaignStatus(StrEnum):
    uploaded = "uploaded"
    processed = "processed"
    proof_ready = "proof_ready"
    changes_requested = "changes_requested"
    approved = "approved"


class Tone(StrEnum):
    professional = "professional"
    friendly = "friendly"
    urgent = "urgent"
    luxury = "luxury"


class AssetRole(StrEnum):
    logo = "logo"
    hero = "hero"


# Bumped by every write of the row, and every UPDATE checks it (SQLAlchemy's version counter): a request
# that read the campaign before another one changed it fails with StaleDataError, answered as 409. SQLite
# has no row locks, so this is what keeps two steps racing on one campaign from both winning.
_REVISION = Column("revision", Integer, nullable=False, server_default="0")


class Campaign(SQLModel, table=True):
    __mapper_args__ = {"version_id_col": _REVISION}

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    owner_id: uuid.UUID | None = Field(default=None, index=True, foreign_key="user_account.id", ondelete="SET NULL")
    campaign_name: str = Field(max_length=120)
    advertiser_name: str = Field(max_length=120)
    slug: str = Field(max_length=80)
    text_content: str = Field(default="", max_length=5000)
    cta_url: str | None = Field(default=None, max_length=2048)
    # The sender's postal address for the email footer (US CAN-SPAM and most ESPs require one).
    postal_address: str | None = Field(default=None, max_length=300)
    tone: Tone = Field(default=Tone.professional, max_length=20)
    status: CampaignStatus = Field(default=CampaignStatus.uploaded, max_length=20, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column(nullable=False, index=True))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=utc_column(nullable=False))
    revision: int = Field(default=0, sa_column=_REVISION)
    # Set when the campaign is deleted: it leaves every list at once; its files go when the retention ends.
    deleted_at: datetime | None = Field(default=None, sa_column=utc_column(nullable=True, index=True))


class Asset(SQLModel, table=True):
    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    campaign_id: uuid.UUID = Field(foreign_key="campaign.id", index=True, ondelete="CASCADE")
    role: AssetRole = Field(max_length=10)
    position: int = 0
    filename: str = Field(max_length=255)
    content_type: str = Field(max_length=50)
    original_key: str = Field(max_length=300)
    original_bytes: int
    key: str = Field(max_length=300)
    bytes: int
    width: int
    height: int
    has_alpha: bool = False
    # Where the picture's subject is (0..1 from the left / top): photos are cropped to their slot around it.
    focal_x: float = 0.5
    focal_y: float = 0.5
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column(nullable=False))
