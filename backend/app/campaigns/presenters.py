"""Turn stored rows into API schemas (URLs included)."""

from app.campaigns.models import Asset, Campaign
from app.campaigns.schemas import AssetPublic, CampaignSummary
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
