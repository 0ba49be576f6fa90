"""HTTP endpoints for uploads sent straight to S3 (app/campaigns/direct_uploads.py)."""

from typing import Literal

from fastapi import APIRouter, status
from pydantic import BaseModel, Field

from app.api.campaign_views import CampaignPublic, load_new_bundle, present_campaign
from app.auth.deps import CurrentUser
from app.campaigns.direct_uploads import (
    PRESIGN_TTL_S,
    SentFile,
    WantedFile,
    create_from_incoming,
    presign,
    upload_options,
)
from app.campaigns.models import Tone
from app.campaigns.upload import UploadFields
from app.core.deps import SessionDep, SessionmakerDep, SettingsDep
from app.core.errors import InvalidInput, PayloadTooLarge, UnsupportedMediaType, WrongStep, error_responses
from app.ratelimit.deps import rate_limit
from app.storage.deps import StorageDep

router = APIRouter(tags=["campaigns"])

ImageType = Literal["image/jpeg", "image/png", "image/gif", "image/webp"]


class PresignFile(BaseModel):
    field: Literal["logo", "hero_images"]
    filename: str = Field(min_length=1, max_length=255)
    content_type: ImageType
    size: int = Field(ge=1, description="Bytes; above MAX_UPLOAD_MB is refused here already")


class PresignRequest(BaseModel):
    files: list[PresignFile] = Field(min_length=1, max_length=8)


class PresignedPost(BaseModel):
    field: str
    filename: str
    key: str = Field(description="Send back to POST /upload/direct once the POST to `url` answered 204")
    url: str
    fields: dict[str, str] = Field(description="Form fields to send before the file (multipart/form-data)")


class PresignResponse(BaseModel):
    uploads: list[PresignedPost]
    expires_in_s: int


class DirectFile(BaseModel):
    key: str = Field(max_length=200)
    filename: str = Field(min_length=1, max_length=255)


class DirectUploadRequest(BaseModel):
    campaign_name: str
    advertiser_name: str
    text_content: str = ""
    cta_url: str | None = None
    tone: Tone | None = None
    postal_address: str | None = None
    logo: DirectFile
    hero_images: list[DirectFile] = Field(default_factory=list, max_length=8)


class UploadOptionsPublic(BaseModel):
    direct: bool = Field(
        description="True: send files with POST /uploads/presign, then POST /upload/direct. "
        "False (local storage): send them multipart to POST /upload."
    )
    max_bytes: int = Field(description="Largest file accepted, in bytes (MAX_UPLOAD_MB)")
    max_photos: int = Field(description="Most hero images one campaign takes")
    types: list[str] = Field(description="Content types accepted for the logo and photos")


@router.get(
    "/uploads/options",
    summary="How to send a new campaign's files: straight to S3 or multipart",
    response_model=UploadOptionsPublic,
)
async def get_upload_options(storage: StorageDep, settings: SettingsDep) -> UploadOptionsPublic:
    o = upload_options(storage, settings)
    return UploadOptionsPublic(direct=o.direct, max_bytes=o.max_bytes, max_photos=o.max_photos, types=list(o.types))


@router.post(
    "/uploads/presign",
    summary="Presigned POSTs to send the logo and photos straight to S3 (S3 storage only)",
    response_model=PresignResponse,
    responses=error_responses(InvalidInput, PayloadTooLarge, WrongStep),
    dependencies=[rate_limit("upload")],
)
async def presign_uploads(
    body: PresignRequest, user: CurrentUser, storage: StorageDep, settings: SettingsDep
) -> PresignResponse:
    wanted, heroes = [], 0
    for f in body.files:
        field = "logo" if f.field == "logo" else f"hero_images[{heroes}]"
        heroes += f.field == "hero_images"
        wanted.append(WantedFile(field, f.filename, f.content_type, f.size))
    posts = await presign(storage, settings, user.id, wanted)
    return PresignResponse(uploads=[PresignedPost(**p) for p in posts], expires_in_s=PRESIGN_TTL_S)


@router.post(
    "/upload/direct",
    status_code=status.HTTP_201_CREATED,
    summary="Create a campaign from files already sent to S3 with /uploads/presign",
    response_model=CampaignPublic,
    responses=error_responses(InvalidInput, PayloadTooLarge, UnsupportedMediaType, WrongStep),
    dependencies=[rate_limit("upload")],
)
async def upload_direct(
    body: DirectUploadRequest,
    user: CurrentUser,
    session: SessionDep,
    storage: StorageDep,
    settings: SettingsDep,
    sessionmaker: SessionmakerDep,
) -> CampaignPublic:
    """Each file is checked by content as in POST /upload (same errors); refused and accepted uploads
    alike are removed from incoming/ before the answer."""
    fields = UploadFields(
        body.campaign_name, body.advertiser_name, body.text_content, body.cta_url, body.tone, body.postal_address
    )
    logo = SentFile("logo", body.logo.filename, body.logo.key)
    heroes = [SentFile(f"hero_images[{i}]", h.filename, h.key) for i, h in enumerate(body.hero_images)]
    campaign = await create_from_incoming(session, storage, settings, fields, logo, heroes, sessionmaker, user.id)
    return present_campaign(await load_new_bundle(session, campaign), settings.public_base_url)
