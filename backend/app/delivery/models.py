"""Tables owned by delivery: connected email-service accounts, pushes to them, and test sends."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Column, Field, SQLModel

from app.core.clock import utcnow
from app.core.db_types import json_column, utc_column


class Integration(SQLModel, table=True):
    """An advertiser's account at an email service; the API key is stored encrypted, never in clear."""

    __table_args__ = (UniqueConstraint("owner_id", "provider"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    owner_id: uuid.UUID = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    provider: str = Field(max_length=30)
    label: str = Field(default="", max_length=120)
    key_ciphertext: str = Field(sa_column=Column(Text, nullable=False))
    # The key's last characters, so the advertiser can tell two keys apart without seeing either.
    key_hint: str = Field(default="", max_length=8)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column(nullable=False))


class PushRecord(SQLModel, table=True):
    """Where a campaign went in an email service: a second push updates this remote template."""

    __tablename__ = "push_record"
    __table_args__ = (UniqueConstraint("campaign_id", "integration_id"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    campaign_id: uuid.UUID = Field(foreign_key="campaign.id", index=True, ondelete="CASCADE")
    integration_id: uuid.UUID = Field(foreign_key="integration.id", index=True, ondelete="CASCADE")
    provider: str = Field(max_length=30)
    remote_id: str = Field(max_length=200)
    remote_url: str | None = Field(default=None, max_length=2048)
    proof_version: int
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column(nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=utc_column(nullable=False))


class TestSend(SQLModel, table=True):
    """A proof an SMTP server accepted for these addresses (only accepted sends are recorded)."""

    __tablename__ = "test_send"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    campaign_id: uuid.UUID = Field(foreign_key="campaign.id", index=True, ondelete="CASCADE")
    user_id: uuid.UUID | None = Field(default=None, foreign_key="user_account.id", index=True, ondelete="SET NULL")
    recipients: list[Any] = Field(default_factory=list, sa_column=json_column(nullable=False))
    proof_version: int
    message_id: str = Field(max_length=300)
    sent_at: datetime = Field(default_factory=utcnow, sa_column=utc_column(nullable=False, index=True))
