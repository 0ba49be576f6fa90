"""Turn stored rows into API schemas (URLs included)."""

from app.auth.models import User
from app.campaigns.models import Asset, Campaign
from app.campaigns.queries import CampaignBundle
from app.campaigns.schemas import AssetPublic, CampaignDetail, CampaignPublic, CampaignSummary
from app.campaigns.status import next_step
from app.copywriting.models import CopyVersion
from app.copywriting.presenters import present_copy
from app.proofs.models import ProofVersion
from app.proofs.presenters import present_proof
from app.reviews.models import Decision, ReviewComment
from app.reviews.presenters import present_comment, present_decision
from app.storage.urls import media_url


def present_asset(asset: Asset, base_url: str) -> AssetPublic:
    return AssetPublic(
        id=asset.id,
        role=asset.role,
        position=asset.position,
        filename=asset.filename,
        content_type=asset.content_type,
        url=media_url(base_url, asset.key),
        original_url=media_url(base_url, asset.original_key),
        width=asset.width,
        height=asset.height,
        bytes=asset.bytes,
        focal_x=asset.focal_x,
        focal_y=asset.focal_y,
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


def present_summary(campaign: Campaign, thumb: Asset | None, base_url: str) -> CampaignSummary:
    return CampaignSummary(
        id=campaign.id,
        campaign_name=campaign.campaign_name,
        advertiser_name=campaign.advertiser_name,
        status=campaign.status,
        created_at=campaign.created_at,
        updated_at=campaign.updated_at,
        thumbnail_url=media_url(base_url, thumb.key) if thumb else None,
    )
