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
