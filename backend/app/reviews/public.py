"""What a review link shows: the page data, built from one campaign only."""

from sqlmodel.ext.asyncio.session import AsyncSession

from app.campaigns.models import Campaign, CampaignStatus
from app.copywriting.queries import copy_version
from app.proofs.queries import list_proofs
from app.reviews.models import ReviewLink
from app.reviews.presenters import present_comment, present_decision
from app.reviews.queries import list_comments, list_decisions
from app.reviews.schemas import ReviewPage, ReviewVersion
from app.reviews.sections import sections_in
from app.storage.base import Storage


def review_preview_url(base_url: str, token: str, version: int) -> str:
    return f"{base_url}/api/v1/review/{token}/preview?format=html&version={version}"


async def review_page(
    session: AsyncSession, storage: Storage, base_url: str, token: str, link: ReviewLink, campaign: Campaign
) -> ReviewPage:
    proofs = await list_proofs(session, campaign.id)
    decisions = await list_decisions(session, campaign.id)
    latest = proofs[-1] if proofs else None
    copy = await copy_version(session, campaign.id, latest.copy_version) if latest else None
    sections = sections_in((await storage.get(latest.html_key)).decode()) if latest else []
    return ReviewPage(
        campaign_name=campaign.campaign_name,
        advertiser_name=campaign.advertiser_name,
        status=campaign.status,
        can_decide=latest is not None and campaign.status == CampaignStatus.proof_ready,
        latest_version=latest.version if latest else None,
        subject_lines=copy.subject_lines if copy else [],
        primary_subject_index=copy.primary_subject_index if copy else 0,
        preheader=copy.preheader if copy else "",
        sections=sections,
        versions=[
            ReviewVersion(
                version=p.version,
                created_at=p.created_at,
                html_url=review_preview_url(base_url, token, p.version),
                approved=p.package_key is not None,
            )
            for p in proofs
        ],
        comments=[present_comment(c, None) for c in await list_comments(session, campaign.id)],
        decisions=[present_decision(d, None) for d in decisions],
        expires_at=link.expires_at,
    )
