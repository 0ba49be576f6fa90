"""Imports every table so SQLModel.metadata (and Alembic) sees them all."""

from app.auth.models import User
from app.campaigns.models import Asset, Campaign
from app.copywriting.models import CopyVersion
from app.delivery.models import Integration, PushRecord, TestSend
from app.proofs.models import ProofVersion
from app.reviews.models import Decision, ReviewComment, ReviewLink

__all__ = [
    "Asset",
    "Campaign",
    "CopyVersion",
    "Decision",
    "Integration",
    "ProofVersion",
    "PushRecord",
    "ReviewComment",
    "ReviewLink",
    "TestSend",
    "User",
]
