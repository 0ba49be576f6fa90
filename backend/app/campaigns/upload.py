"""Creating a campaign from an upload: validate, optimise images, store, record."""

import asyncio
import logging
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from app.campaigns.editing import clean_postal_address
from app.campaigns.models import Asset, AssetRole, Campaign, Tone
from app.campaigns.renditions import start_rendition
from app.core.config import Settings
from app.core.errors import AppError, InvalidInput, PayloadTooLarge, UnsupportedMediaType
from app.core.log_context import bind_campaign
from app.core.metrics import record_upload
from app.core.text import (
    clean_text,
    display_filename,
    require_length,
    slugify,
    validate_http_url,
)
from app.core.transactions import commit, commit_with_files
from app.core.workers import run_cpu
from app.images.codec import (
    ImageRejected,
    OptimizedImage,
    PlannedPhoto,
    StoredImage,
    decode_cost,
    optimize_image,
    plan_photo,
)
from app.images.decode_budget import decode_budget
from app.storage.base import Storage, new_key

logger = logging.getLogger(__name__)


@dataclass
class UploadFields:
    campaign_name: str
    advertiser_name: str
    text_content: str = ""
    cta_url: str | None = None
    tone: Tone | None = None
    postal_address: str | None = None


@dataclass
class UploadedFile:
    field: str
    filename: str
    data: bytes


def _name(field: str, value: str) -> str:
    one_line = " ".join(clean_text(value, field).split())
    return require_length(field, one_line, min_length=1, max_length=120)


def validate_fields(fields: UploadFields) -> UploadFields:
    """The text fields as data: kept as written (quotes, <, SQL words, emoji), escaped wherever shown."""
    return UploadFields(
        campaign_name=_name("campaign_name", fields.campaign_name),
        advertiser_name=_name("advertiser_name", fields.advertiser_name),
        text_content=require_length(
            "text_content", clean_text(fields.text_content, "text_content"), min_length=0, max_length=5000
        ),
        cta_url=validate_http_url("cta_url", fields.cta_url),
        tone=fields.tone or Tone.professional,
        postal_address=clean_postal_address(fields.postal_address),
    )


def check_files(settings: Settings, logo: UploadedFile | None, heroes: list[UploadedFile]) -> None:
    if logo is None or not logo.data:
        raise InvalidInput("logo is required: upload your logo as a JPEG, PNG, GIF or WebP file.", code="logo_required")
    if len(heroes) > settings.max_hero_images:
        raise InvalidInput(
            f"At most {settings.max_hero_images} hero images are allowed (got {len(heroes)}).",
            code="too_many_files",
        )
    for f in [logo, *heroes]:
        if not f.data:
            raise InvalidInput(f"{f.field} ({f.filename}) is empty.", code="empty_file")
        if len(f.data) > settings.max_upload_bytes:
            raise PayloadTooLarge(
                f"{f.field} ({f.filename}) is {len(f.data) / 1_048_576:.1f} MB; "
                f"each file may be at most {settings.max_upload_mb:g} MB."
            )


def _rejection(f: UploadedFile, exc: ImageRejected) -> AppError:
    message = f"{f.field} ({f.filename}): {exc}"
    if exc.code == "unsupported_media_type":
        return UnsupportedMediaType(message)
    if exc.code == "image_too_large":
        return PayloadTooLarge(message, code="image_too_large")
    return InvalidInput(message, code=exc.code)


async def _prepare(settings: Settings, f: UploadedFile, role: AssetRole) -> OptimizedImage | PlannedPhoto:
    """A large camera photo is only validated and planned here; anything else is finished now.

    Both in the interactive pool: the advertiser is waiting, so this work must not queue behind the
    background renditions of other advertisers' photos (at 50 advertisers that queue cost the upload
    ~1 s at p95, for a logo that takes a millisecond). Decoding waits for room in the process's
    decode budget when the image is large (a 155 KB PNG can decode to 160 MB).
    """
    width = settings.logo_image_width if role == AssetRole.logo else settings.email_image_width
    try:
        if role == AssetRole.hero:
            planned = await run_cpu(plan_photo, f.data, max_width=width, max_pixels=settings.max_image_pixels)
            if planned is not None:
                return planned
        cost = await run_cpu(decode_cost, f.data, max_width=width)
        async with decode_budget().hold(cost):
            return await run_cpu(
                optimize_image,
                f.data,
                max_width=width,
                max_pixels=settings.max_image_pixels,
                gif_max_bytes=settings.gif_max_bytes,
                gif_max_frame_pixels=settings.gif_max_frame_pixels,
            )
    except ImageRejected as exc:
        raise _rejection(f, exc) from exc


def _asset(
    campaign: Campaign,
    f: UploadedFile,
    role: AssetRole,
    position: int,
    original_key: str,
    key: str,
    image: OptimizedImage | PlannedPhoto,
) -> Asset:
    if isinstance(image, PlannedPhoto):  # rendition to come: bytes stays 0 until it is stored
        content_type, size, width, height, alpha = "image/jpeg", 0, image.width, image.height, False
    else:
        r = image.rendition
        content_type, size, width, height, alpha = r.content_type, len(r.data), r.width, r.height, image.has_alpha
    return Asset(
        campaign_id=campaign.id,
        role=role,
        position=position,
        filename=display_filename(f.filename),
        content_type=content_type,
        original_key=original_key,
        original_bytes=len(image.original.data),
        key=key,
        bytes=size,
        width=width,
        height=height,
        has_alpha=alpha,
    )


async def create_campaign(
    session: AsyncSession,
    storage: Storage,
    settings: Settings,
    fields: UploadFields,
    logo: UploadedFile | None,
    heroes: list[UploadedFile],
    sessionmaker: async_sessionmaker[AsyncSession],
    owner_id: object = None,
) -> Campaign:
    """Validate everything first; store files only when all are good; undo on any failure.

    Large camera photos get their email rendition in the background (campaigns.renditions, with sessions
    from `sessionmaker`); every other image's rendition is made before answering.
    """
    fields = validate_fields(fields)
    check_files(settings, logo, heroes)
    assert logo is not None
    # Nothing is pending yet (the sign-in only read): end that transaction so the connection goes back
    # to the pool while the photos are processed, instead of sitting idle for hundreds of milliseconds.
    await commit(session)
    files = [(logo, AssetRole.logo, 0)] + [(h, AssetRole.hero, i) for i, h in enumerate(heroes)]
    prepared = await asyncio.gather(*(_prepare(settings, f, role) for f, role, _ in files))

    campaign = Campaign(
        campaign_name=fields.campaign_name,
        advertiser_name=fields.advertiser_name,
        slug=slugify(fields.campaign_name),
        text_content=fields.text_content,
        cta_url=fields.cta_url,
        tone=fields.tone or Tone.professional,
        postal_address=fields.postal_address,
        owner_id=owner_id,  # type: ignore[arg-type]
    )
    puts: list[tuple[str, StoredImage]] = []
    assets: list[Asset] = []
    for (f, role, position), image in zip(files, prepared, strict=True):
        original_key = new_key(campaign.id, "originals", image.original.extension)
        puts.append((original_key, image.original))
        if isinstance(image, PlannedPhoto):
            key = new_key(campaign.id, "email", "jpg")  # stored by the background job
        else:
            key = new_key(campaign.id, "email", image.rendition.extension)
            puts.append((key, image.rendition))
        assets.append(_asset(campaign, f, role, position, original_key, key, image))
    # Files first, rows after: the database write (a lock on SQLite) lasts milliseconds, not file I/O.
    # A failure anywhere here, the commit's included, removes every file again.
    async with commit_with_files(session, storage) as stored:
        stored.add(*(key for key, _ in puts))
        # All files at once: ~13 MB of originals written in parallel rather than one after another.
        results = await asyncio.gather(
            *(storage.put(key, item.data, item.content_type) for key, item in puts), return_exceptions=True
        )
        for result in results:
            if isinstance(result, BaseException):
                raise result
        session.add(campaign)
        await session.flush()  # the campaign row must exist before its assets reference it
        session.add_all(assets)
    for asset, image in zip(assets, prepared, strict=True):
        if isinstance(image, PlannedPhoto):
            start_rendition(sessionmaker, storage, asset, image.original.data, image.decode_cost)
    bind_campaign(campaign.id)
    record_upload(sum(len(f.data) for f, _, _ in files))
    logger.info("campaign uploaded", extra={"campaign_id": str(campaign.id), "files": len(files)})
    return campaign
