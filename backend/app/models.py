"""Imports every table so SQLModel.metadata (and Alembic) sees them all."""

from app.auth.models import User
from app.campaigns.models import Asset, Campaign
from app.copywriting.models import CopyVersion
from app.proofs.models import ProofVersion
from app.reviews.models import Decision

__all__ = ["Asset", "Campaign", "CopyVersion", "Decision", "ProofVersion", "User"]
