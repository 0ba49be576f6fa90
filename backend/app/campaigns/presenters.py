"""Turn stored rows into API schemas (URLs included)."""

from app.auth.models import User
from app.campaigns.models import Asset, Campaign
from app.campaigns.queries import CampaignBundle
from app.campaigns.schemas import (
    AssetPublic,
    CampaignDetail,
    CampaignPublic,
    CampaignSummary,
    CommentPublic,
    CopyVersionPublic,
    DecisionPublic,
    ProofVersionPublic,
    warning_items,
)
from app.campaigns.status import next_step
from app.copywriting.models import CopyVersion
from app.proofs.models import ProofVersion
from app.reviews.models import Decision, ReviewComment


def media_url(base_url: str, key: str) -> str:
    """Stable public URL of a stored object: the app serves (or redirects) /media/<key>."""
    return f"{base_url}/media/{key}"


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


def present_copy(copy: CopyVersion) -> CopyVersionPublic:
    # Same field names as the row; highlights and warnings are validated from their stored dicts.
    return CopyVersionPublic.model_validate(copy, from_attributes=True)


def present_proof(proof: ProofVersion, base_url: str) -> ProofVersionPublic:
    return ProofVersionPublic(
        version=proof.version,
        copy_version=proof.copy_version,
        html_url=f"{base_url}/api/v1/preview/{proof.campaign_id}?format=html&version={proof.version}",
        text=proof.plain_text,
        size_bytes=proof.html_bytes,
        warnings=warning_items(proof.warnings),
        created_at=proof.created_at,
    )


STAFF_LABEL = "HiBid staff"
# How a decision made through a review link is signed: the reviewer's own name and address, which the
# advertiser who shared the link may see (they are not staff accounts).
REVIEWER_SUFFIX = " (review link)"


def reviewer_signature(name: str, email: str) -> str:
    return f"{name} <{email}>{REVIEWER_SUFFIX}"


def present_decision(decision: Decision, viewer: User | None) -> DecisionPublic:
    """A decision as `viewer` may see it: staff e-mail addresses are shown to staff and to nobody else.

    `viewer` None: a reviewer through a link, who sees reviewers' names and "HiBid staff" for accounts.
    """
    public = DecisionPublic.model_validate(decision, from_attributes=True)
    if decision.decided_by.endswith(REVIEWER_SUFFIX):
        public.decided_by = decision.decided_by.removesuffix(REVIEWER_SUFFIX)
        public.via_review_link = True
    elif viewer is None or (not viewer.is_admin and decision.decided_by != viewer.email):
        public.decided_by = STAFF_LABEL
    return public


def present_comment(comment: ReviewComment, viewer: User | None) -> CommentPublic:
    """Reviewers' names and addresses are shown; an account's address only to staff and its owner."""
    by_link = comment.link_id is not None
    email = comment.author_email
    if not by_link and (viewer is None or (not viewer.is_admin and email != viewer.email)):
        email = None
    return CommentPublic(
        id=comment.id,
        proof_version=comment.proof_version,
        author_name=comment.author_name,
        author_email=email,
        section=comment.section,
        body=comment.body,
        via_review_link=by_link,
        created_at=comment.created_at,
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
