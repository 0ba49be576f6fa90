"""HTTP endpoints for uploading and browsing campaigns."""

import uuid
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Response, UploadFile, status
from fastapi.responses import HTMLResponse

from app.api.campaign_lifecycle import delete_campaign, duplicate, purge_expired, reopen, restore
from app.api.campaign_views import (
    CampaignDetail,
    CampaignPublic,
    ReopenResult,
    campaign_detail,
    load_bundle,
    load_new_bundle,
    present_campaign,
)
from app.api.draft_preview import render_draft
from app.auth.deps import CurrentUser
from app.auth.models import User
from app.auth.service import owner_filter
from app.campaigns.assets import add_asset, delete_asset, update_asset
from app.campaigns.deps import CampaignForRead, CampaignForUpdate
from app.campaigns.editing import edit_campaign
from app.campaigns.models import AssetRole, Campaign, Tone
from app.campaigns.presenters import present_summary
from app.campaigns.queries import page_campaigns
from app.campaigns.schemas import AssetEdit, CampaignEdit, CampaignPage
from app.campaigns.upload import UploadedFile, UploadFields, create_campaign
from app.copywriting.schemas import CopyEdit
from app.core.config import Settings
from app.core.deps import SessionDep, SessionmakerDep, SettingsDep
from app.core.errors import (
    BadRequest,
    Forbidden,
    InvalidInput,
    NotFound,
    PayloadTooLarge,
    UnsupportedMediaType,
    WrongStep,
    error_responses,
)
from app.proofs.render import EMAIL_CSP
from app.ratelimit.deps import rate_limit
from app.storage.deps import StorageDep

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
    sessionmaker: SessionmakerDep,
    campaign_name: Annotated[str, Form(description="1–120 characters", examples=["Annual Winter Estate Auction"])],
    advertiser_name: Annotated[str, Form(description="1–120 characters", examples=["Smith & Sons Auctioneers"])],
    logo: Annotated[UploadFile, File(description="JPEG, PNG, GIF or WebP, at most 5 MB")],
    hero_images: Annotated[list[UploadFile] | None, File(description="0–3 photos, each at most 5 MB")] = None,
    text_content: Annotated[str, Form(description="About the sale, up to 5,000 characters")] = "",
    cta_url: Annotated[str | None, Form(description="Where the button links (http/https)")] = None,
    tone: Annotated[Tone | None, Form(description="Voice of the copy")] = None,
    postal_address: Annotated[
        str | None, Form(description="The sender's postal address for the footer (US CAN-SPAM), up to 300 characters")
    ] = None,
) -> CampaignPublic:
    """Images are checked by content, stripped of metadata and resized for email; originals are kept."""
    heroes = [await _read(f"hero_images[{i}]", h) for i, h in enumerate(hero_images or [])]
    campaign = await create_campaign(
        session,
        storage,
        settings,
        UploadFields(campaign_name, advertiser_name, text_content, cta_url, tone, postal_address),
        await _read("logo", logo),
        heroes,
        sessionmaker,
        owner_id=user.id,
    )
    return present_campaign(await load_new_bundle(session, campaign), settings.public_base_url)


@router.get(
    "/campaigns",
    summary="List campaigns, newest first",
    response_model=CampaignPage,
    responses=error_responses(Forbidden),
)
async def list_campaigns(
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    storage: StorageDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    deleted: Annotated[bool, Query(description="Admins: deleted campaigns that can still be restored")] = False,
) -> CampaignPage:
    """An advertiser sees their own campaigns; an admin sees everyone's. Deleted ones are in no list."""
    if deleted:
        require_admin(user)
        await purge_expired(session, storage, settings)
    rows, thumbs, total = await page_campaigns(
        session, limit=limit, offset=offset, owner_id=owner_filter(user), deleted=deleted
    )
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
    return await campaign_detail(session, campaign, settings.public_base_url, viewer=user)


def require_admin(user: User) -> None:
    if not user.is_admin:
        raise Forbidden("Only HiBid staff can see and restore deleted campaigns.")


async def _public(session: SessionDep, campaign: Campaign, settings: Settings) -> CampaignPublic:
    return present_campaign(await load_bundle(session, campaign), settings.public_base_url)


@router.patch(
    "/campaigns/{campaign_id}",
    summary="Change the names, text, button link, tone or postal address; the next proof is a new version",
    response_model=CampaignPublic,
    responses=error_responses(NotFound, WrongStep, InvalidInput),
)
async def update_campaign(
    campaign: CampaignForUpdate, edit: CampaignEdit, session: SessionDep, settings: SettingsDep
) -> CampaignPublic:
    """409 `already_approved` on an approved campaign: reopen it first. A text change needs a new process."""
    await edit_campaign(session, campaign, edit)
    return await _public(session, campaign, settings)


@router.post(
    "/campaigns/{campaign_id}/assets",
    status_code=status.HTTP_201_CREATED,
    summary="Add a photo, or a new logo (which replaces the old one)",
    response_model=CampaignPublic,
    responses=error_responses(NotFound, WrongStep, InvalidInput, PayloadTooLarge, UnsupportedMediaType),
    dependencies=[rate_limit("upload")],
    form_limits={"max_files": 1, "max_fields": 4, "max_part_size": 1024},
)
async def add_campaign_asset(
    campaign: CampaignForUpdate,
    session: SessionDep,
    storage: StorageDep,
    settings: SettingsDep,
    sessionmaker: SessionmakerDep,
    role: Annotated[AssetRole, Form(description="logo or hero")],
    file: Annotated[UploadFile, File(description="JPEG, PNG, GIF or WebP, at most 5 MB")],
    position: Annotated[int | None, Form(ge=0, le=10, description="Photos: where in the order (0 first)")] = None,
) -> CampaignPublic:
    upload = await _read("file", file)
    await add_asset(session, storage, settings, sessionmaker, campaign, role, upload, position)
    return await _public(session, campaign, settings)


@router.patch(
    "/campaigns/{campaign_id}/assets/{asset_id}",
    summary="Move a photo in the order, or move a picture's focal point",
    response_model=CampaignPublic,
    responses=error_responses(NotFound, WrongStep, InvalidInput),
)
async def update_campaign_asset(
    campaign: CampaignForUpdate, asset_id: uuid.UUID, edit: AssetEdit, session: SessionDep, settings: SettingsDep
) -> CampaignPublic:
    await update_asset(session, campaign, asset_id, edit)
    return await _public(session, campaign, settings)


@router.delete(
    "/campaigns/{campaign_id}/assets/{asset_id}",
    summary="Remove a photo (the logo can only be replaced)",
    response_model=CampaignPublic,
    responses=error_responses(NotFound, WrongStep, InvalidInput),
)
async def delete_campaign_asset(
    campaign: CampaignForUpdate, asset_id: uuid.UUID, session: SessionDep, settings: SettingsDep
) -> CampaignPublic:
    await delete_asset(session, campaign, asset_id)
    return await _public(session, campaign, settings)


@router.post(
    "/campaigns/{campaign_id}/reopen",
    summary="Start a new round on an approved campaign; the approved version stays downloadable",
    response_model=ReopenResult,
    responses=error_responses(NotFound, WrongStep),
)
async def reopen_campaign(campaign: CampaignForUpdate, session: SessionDep, settings: SettingsDep) -> ReopenResult:
    """Afterwards edits, process and generate work again; `GET /download/{id}?version=N` keeps the approved ZIP."""
    version = await reopen(session, campaign)
    return ReopenResult(campaign=await _public(session, campaign, settings), approved_version=version)


@router.post(
    "/campaigns/{campaign_id}/duplicate",
    status_code=status.HTTP_201_CREATED,
    summary="A new campaign with the same details, pictures and latest copy, without uploading again",
    response_model=CampaignPublic,
    responses=error_responses(NotFound),
)
async def duplicate_campaign(
    campaign: CampaignForRead, session: SessionDep, storage: StorageDep, settings: SettingsDep, user: CurrentUser
) -> CampaignPublic:
    clone = await duplicate(session, storage, settings, campaign, owner_id=user.id)
    return await _public(session, clone, settings)


@router.delete(
    "/campaigns/{campaign_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a campaign: gone from every list, its files removed from storage",
    responses=error_responses(NotFound),
)
async def delete_campaign_route(
    campaign: CampaignForUpdate, session: SessionDep, storage: StorageDep, settings: SettingsDep
) -> Response:
    """Files go at once, or after CAMPAIGN_RETENTION_DAYS (admins can restore until then); /media answers 404."""
    await delete_campaign(session, storage, settings, campaign)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/campaigns/{campaign_id}/restore",
    summary="Admins: bring back a deleted campaign within the retention window",
    response_model=CampaignPublic,
    responses=error_responses(NotFound),
)
async def restore_campaign(
    campaign_id: uuid.UUID, user: CurrentUser, session: SessionDep, settings: SettingsDep
) -> CampaignPublic:
    if not user.is_admin:  # like any campaign route: whether the id exists is not revealed
        raise NotFound("No campaign with this id.")
    campaign = await restore(session, settings, campaign_id)
    return await _public(session, campaign, settings)


@router.post(
    "/campaigns/{campaign_id}/draft-preview",
    summary="The email with the copy being typed laid over the latest copy: for a live preview, not stored",
    responses={
        **error_responses(NotFound, WrongStep, InvalidInput),
        200: {"content": {"text/html": {}}, "description": "The email's HTML"},
    },
)
async def draft_preview(
    campaign: CampaignForRead, edit: CopyEdit, session: SessionDep, storage: StorageDep, settings: SettingsDep
) -> HTMLResponse:
    """Send only the fields being edited; the rest come from the latest copy. Same limits as saving the copy."""
    html = await render_draft(session, storage, settings, campaign, edit)
    return HTMLResponse(html, headers={"Content-Security-Policy": EMAIL_CSP, "Cache-Control": "no-store"})
