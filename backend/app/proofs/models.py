"""Every proof ever rendered is kept, so an approved one is never overwritten."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Column, Field, SQLModel

from app.core.clock import utcnow
from app.core.db_types import json_column, utc_column


class ProofVersion(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("campaign_id", "version"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    campaign_id: uuid.UUID = Field(foreign_key="campaign.id", index=True, ondelete="CASCADE")
    version: int
    copy_version: int
    html_key: str = Field(max_length=300)
    html_bytes: int
    plain_text: str = Field(sa_column=Column(Text, nullable=False))
    warnings: list[dict[str, Any]] = Field(default_factory=list, sa_column=json_column(nullable=False))
    package_key: str | None = Field(default=None, max_length=300)
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column(nullable=False))
