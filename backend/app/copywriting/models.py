"""Every version of a campaign's copy is kept: written, fallen back or edited."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from app.core.clock import utcnow
from app.core.db_types import json_column, utc_column


class CopyVersion(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("campaign_id", "version"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    campaign_id: uuid.UUID = Field(foreign_key="campaign.id", index=True, ondelete="CASCADE")
    version: int
    source: str = Field(max_length=20)
    subject_lines: list[str] = Field(sa_column=json_column(nullable=False))
    primary_subject_index: int = 0
    preheader: str = Field(max_length=200)
    headline: str = Field(max_length=200)
    paragraphs: list[str] = Field(sa_column=json_column(nullable=False))
    cta_text: str = Field(max_length=50)
    alt_texts: dict[str, str] = Field(sa_column=json_column(nullable=False))
    highlights: list[dict[str, Any]] = Field(default_factory=list, sa_column=json_column(nullable=False))
    warnings: list[dict[str, Any]] = Field(default_factory=list, sa_column=json_column(nullable=False))
    # The auction facts record parsed from the advertiser's text (AuctionFactsRecord as JSON), with the
    # advertiser's corrections already applied; None on versions written before facts were kept.
    facts: dict[str, Any] | None = Field(default=None, sa_column=json_column(nullable=True))
    # What the advertiser corrected by hand (field -> value); carried to every later version, wins over the parse.
    fact_corrections: dict[str, Any] = Field(default_factory=dict, sa_column=json_column(nullable=False))
    # Copy fields the advertiser edited by hand ("headline", "paragraphs[1]", ...); rewrites keep them.
    edited_fields: list[str] = Field(default_factory=list, sa_column=json_column(nullable=False))
    fallback_reason: str | None = Field(default=None, max_length=500)
    feedback: str | None = Field(default=None, max_length=2000)
    input_hash: str = Field(max_length=64)
    tokens_used: int | None = None
    latency_ms: int | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column(nullable=False))
