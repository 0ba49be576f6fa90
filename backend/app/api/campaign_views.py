"""A campaign as the API shows it: its own fields with its latest copy and proof, or in full with every
version, decision and comment. The one module that composes campaigns, copywriting, proofs and reviews
into one response; each domain presents its own rows (copywriting/proofs/reviews presenters)."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel.ext.asyncio.session import AsyncSession

from app.auth.models import User
from app.campaigns.models import Asset, Campaign, CampaignStatus, Tone
from app.campaigns.presenters import present_asset
from app.campaigns.queries import list_assets
from app.campaigns.schemas import AssetPublic
from app.campaigns.status import next_step
from app.copywriting.models import CopyVersion
from app.copywriting.presenters import present_copy
from app.copywriting.queries import latest_copy, list_copies
from app.copywriting.schemas import CopyVersionPublic
from app.proofs.models import ProofVersion
from app.proofs.presenters import present_proof
from app.proofs.queries import latest_proof, list_proofs
from app.proofs.schemas import ProofVersionPublic
from app.reviews.models import Decision, ReviewComment
from app.reviews.presenters import present_comment, present_decision
from app.reviews.queries import list_comments, list_decisions
from app.reviews.schemas import CommentPublic, DecisionPublic


class CampaignPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "id": "3f1c9b7e-8a2d-4c55-9d0e-6b1f2a3c4d5e",
                "campaign_name": "Annual Winter Estate Auction",
                "advertiser_name": "Smith & Sons Auctioneers",
                "status": "uploaded",
                "next_step": "process",
            }
        }
    )

    id: uuid.UUID
    campaign_name: str
    advertiser_name: str
    status: CampaignStatus
    next_step: str | None = Field(description="The pipeline call to make next, if any")
    text_content: str
    cta_url: str | None
    tone: Tone
    postal_address: str | None = Field(None, description="The sender's postal address, shown in the footer")
    created_at: datetime
    updated_at: datetime
    assets: list[AssetPublic]
    latest_copy: CopyVersionPublic | None
    latest_proof: ProofVersionPublic | None


class CampaignDetail(CampaignPublic):
    copy_versions: list[CopyVersionPublic]
    proof_versions: list[ProofVersionPublic]
    decisions: list[DecisionPublic]
    comments: list[CommentPublic] = Field(default_factory=list)


class ReopenResult(BaseModel):
    campaign: CampaignPublic
    approved_version: int = Field(description="The approved proof version, still downloadable with ?version=")


class ProcessResult(BaseModel):
    campaign: CampaignPublic
    copy_version: CopyVersionPublic = Field(alias="copy", serialization_alias="copy")
    source: Literal["offline", "openai", "fallback", "edited"]
    fallback_reason: str | None
    reused: bool = Field(description="True when the stored copy was reused (same inputs, no feedback)")

    model_config = ConfigDict(populate_by_name=True)


class DecisionResult(BaseModel):
    campaign: CampaignPublic
    decision: DecisionPublic


@dataclass
class CampaignBundle:
    campaign: Campaign
    assets: list[Asset]
    latest_copy: CopyVersion | None
    latest_proof: ProofVersion | None


async def load_new_bundle(session: AsyncSession, campaign: Campaign) -> CampaignBundle:
    """A campaign its upload has just created: no copy or proof can exist yet, so only its assets are
    read (two queries fewer on the upload's answer, each one more wait for a core on a busy host)."""
    return CampaignBundle(
        campaign=campaign, assets=await list_assets(session, campaign.id), latest_copy=None, latest_proof=None
    )


async def load_bundle(session: AsyncSession, campaign: Campaign) -> CampaignBundle:
    return CampaignBundle(
        campaign=campaign,
        assets=await list_assets(session, campaign.id),
        latest_copy=await latest_copy(session, campaign.id),
        latest_proof=await latest_proof(session, campaign.id),
    )


def present_campaign(bundle: CampaignBundle, base_url: str) -> CampaignPublic:
    c = bundle.campaign
    return CampaignPublic(
        id=c.id,
        campaign_name=c.campaign_name,
        advertiser_name=c.advertiser_name,
        status=c.status,
        next_step=next_step(c.status),
        text_content=c.text_content,
        cta_url=c.cta_url,
        tone=c.tone,
        postal_address=c.postal_address,
        created_at=c.created_at,
        updated_at=c.updated_at,
        assets=[present_asset(a, base_url) for a in bundle.assets],
        latest_copy=present_copy(bundle.latest_copy) if bundle.latest_copy else None,
        latest_proof=present_proof(bundle.latest_proof, base_url) if bundle.latest_proof else None,
    )


def present_detail(
    bundle: CampaignBundle,
    copies: list[CopyVersion],
    proofs: list[ProofVersion],
    decisions: list[Decision],
    base_url: str,
    viewer: User,
    comments: list[ReviewComment] | None = None,
) -> CampaignDetail:
    return CampaignDetail(
        **present_campaign(bundle, base_url).model_dump(),
        copy_versions=[present_copy(c) for c in copies],
        proof_versions=[present_proof(p, base_url) for p in proofs],
        decisions=[present_decision(d, viewer) for d in decisions],
        comments=[present_comment(c, viewer) for c in comments or []],
    )


async def campaign_detail(session: AsyncSession, campaign: Campaign, base_url: str, viewer: User) -> CampaignDetail:
    """The campaign with every copy and proof version, every decision and comment, as `viewer` may see them."""
    bundle = await load_bundle(session, campaign)
    copies = await list_copies(session, campaign.id)
    proofs = await list_proofs(session, campaign.id)
    decisions = await list_decisions(session, campaign.id)
    comments = await list_comments(session, campaign.id)
    return present_detail(bundle, copies, proofs, decisions, base_url, viewer=viewer, comments=comments)
