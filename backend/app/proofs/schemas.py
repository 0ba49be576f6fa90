"""API shape of a preview."""

import uuid
from datetime import datetime

from pydantic import BaseModel

from app.campaigns.models import CampaignStatus
from app.core.schemas import WarningItem
from app.proofs.layouts import LayoutName


class GenerateOptions(BaseModel):
    """Optional JSON body of POST /generate (the `layout` query parameter does the same)."""

    layout: LayoutName | None = None
    # Photos are cut to their slot (never taller than 4:3) around their focal point; true shows them whole.
    whole_photos: bool = False


class Preview(BaseModel):
    campaign_id: uuid.UUID
    status: CampaignStatus
    proof_version: int
    copy_version: int
    subject_lines: list[str]
    primary_subject_index: int
    preheader: str
    html_url: str
    plain_text: str
    size_bytes: int
    warnings: list[WarningItem]
    created_at: datetime


class ProofVersionPublic(BaseModel):
    version: int
    copy_version: int
    html_url: str
    text: str
    size_bytes: int
    warnings: list[WarningItem]
    created_at: datetime
