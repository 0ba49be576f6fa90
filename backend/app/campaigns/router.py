"""HTTP endpoints for uploading and browsing campaigns."""

from typing import Annotated

from fastapi import APIRouter, File, Form, Query, UploadFile, status

from app.auth.service import owner_filter
from app.campaigns.models import Tone
from app.campaigns.presenters import present_campaign, present_detail, present_summary
from app.campaigns.queries import all_versions, load_bundle, page_campaigns
from app.campaigns.schemas import CampaignDetail, CampaignPage, CampaignPublic
from app.campaigns.upload import UploadedFile, UploadFields, create_campaign
from app.core.deps import CampaignForRead, CurrentUser, ServicesDep, SessionDep, SettingsDep, StorageDep
from app.core.errors import (
    BadRequest,
    InvalidInput,
    NotFound,
    PayloadTooLarge,
    UnsupportedMediaType,
    error_responses,
)
from app.ratelimit.deps import rate_limit

router = APIRouter(tags=["campaigns"])


async def _read(field: str, upload: UploadFile) -> UploadedFile:
    return UploadedFile(field=field, filename=upload.filename or field, data=await upload.read())


@router.post(
    "/upload",
    status_code=status.HTTP_201_CREATED,
    summary="Upload a logo, up to three photos and the sale text; creates a campaign",
    response_model=CampaignPublic,
    responses=error_responses(BadRequest, InvalidInput, PayloadTooLarge, UnsupportedMediaType),
    dependencies=[rate_limit("upload")],
    # Refuse part floods while parsing: a logo, the photos and five text fields is all an upload has.
    form_limits={"max_files": 8, "max_fields": 16, "max_part_size": 64 * 1024},
)
async def upload(
    user: CurrentUser,
    session: SessionDep,
    storage: StorageDep,
    settings: SettingsDep,
    services: ServicesDep,
    campaign_name: Annotated[str, Form(description="1–120 characters", examples=["Annual Winter Estate Auction"])],
    advertiser_name: Annotated[str, Form(description="1–120 characters", examples=["Smith & Sons Auctioneers"])],
    logo: Annotated[UploadFile, File(description="JPEG, PNG, GIF or WebP, at most 5 MB")],
    hero_images: Annotated[list[UploadFile] | None, File(description="0–3 photos, each at most 5 MB")] = None,
    text_content: Annotated[str, Form(description="About the sale, up to 5,000 characters")] = "",
    cta_url: Annotated[str | None, Form(description="Where the button links (http/https)")] = None,
    tone: Annotated[Tone | None, Form(description="Voice of the copy")] = None,
) -> CampaignPublic:
    """Images are checked by content, stripped of metadata and resized for email; originals are kept."""
    heroes = [await _read(f"hero_images[{i}]", h) for i, h in enumerate(hero_images or [])]
    campaign = await create_campaign(
        session,
        storage,
        settings,
        UploadFields(campaign_name, advertiser_name, text_content, cta_url, tone),
        await _read("logo", logo),
        heroes,
        services.sessionmaker,
        owner_id=user.id,
    )
    return present_campaign(await load_bundle(session, campaign), settings.public_base_url)


@router.get("/campaigns", summary="List campaigns, newest first", response_model=CampaignPage)
async def list_campaigns(
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> CampaignPage:
    """An advertiser sees their own campaigns; an admin sees everyone's."""
    rows, thumbs, total = await page_campaigns(session, limit=limit, offset=offset, owner_id=owner_filter(user))
    items = [present_summary(c, thumbs.get(c.id), settings.public_base_url) for c in rows]
    return CampaignPage(items=items, total=total, limit=limit, offset=offset)


@router.get(
    "/campaigns/{campaign_id}",
    summary="A campaign with every copy version, proof version and decision",
    response_model=CampaignDetail,
    responses=error_responses(NotFound),
)
async def get_campaign(
    campaign: CampaignForRead, session: SessionDep, settings: SettingsDep, user: CurrentUser
) -> CampaignDetail:
    bundle = await load_bundle(session, campaign)
    copies, proofs, decisions = await all_versions(session, campaign.id)
    return present_detail(bundle, copies, proofs, decisions, settings.public_base_url, viewer=user)
