"""Photos sent by the browser straight to S3, then checked here exactly as a multipart upload is.

1. `presign`: for each file the browser names (field, file name, content type, size), a presigned POST
   to `incoming/<user id>/<random>` limited to that content type and 1..MAX_UPLOAD_MB bytes. The web
   servers never carry the bytes in; a 5 MB photo costs them nothing until it is checked.
2. `create_from_incoming`: reads those objects back and hands them to `create_campaign` (the same
   content checks, the same error messages, the same clean copies under campaigns/), then deletes
   every incoming object, accepted or refused: nothing unchecked stays in the bucket (and a lifecycle
   rule expires incoming/ after a day for uploads never submitted).
The multipart POST /upload stays for API clients and local storage.
"""

import asyncio
import re
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from app.campaigns.models import Campaign
from app.campaigns.upload import UploadedFile, UploadFields, create_campaign
from app.core.config import Settings
from app.core.errors import InvalidInput, PayloadTooLarge, WrongStep
from app.storage.base import ObjectNotFound, Storage
from app.storage.s3 import S3Storage

INCOMING = "incoming"
PRESIGN_TTL_S = 600
_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp"}


@dataclass
class WantedFile:
    field: str  # "logo" or "hero_images[i]"
    filename: str
    content_type: str
    size: int


@dataclass
class SentFile:
    field: str
    filename: str
    key: str


def _direct(storage: Storage) -> S3Storage:
    if not isinstance(storage, S3Storage):
        raise WrongStep(
            "Direct uploads need S3 storage; send the files to POST /api/v1/upload instead.",
            code="direct_upload_unavailable",
        )
    return storage


@dataclass(frozen=True)
class UploadOptions:
    """How the web app should send photos: straight to S3 (`direct`) or multipart to POST /upload."""

    direct: bool
    max_bytes: int
    max_photos: int
    types: tuple[str, ...]


def upload_options(storage: Storage, settings: Settings) -> UploadOptions:
    """Read once per form, so the app picks the right path without a failed request per upload."""
    return UploadOptions(
        direct=isinstance(storage, S3Storage),
        max_bytes=settings.max_upload_bytes,
        max_photos=settings.max_hero_images,
        types=tuple(_EXTENSIONS),
    )


def _user_prefix(user_id: uuid.UUID) -> str:
    return f"{INCOMING}/{user_id}/"


async def presign(
    storage: Storage, settings: Settings, user_id: uuid.UUID, files: list[WantedFile]
) -> list[dict[str, Any]]:
    s3 = _direct(storage)
    for f in files:  # the same sentence as a multipart upload of that file would get
        if f.size > settings.max_upload_bytes:
            raise PayloadTooLarge(
                f"{f.field} ({f.filename}) is {f.size / 1_048_576:.1f} MB; "
                f"each file may be at most {settings.max_upload_mb:g} MB."
            )

    async def one(f: WantedFile) -> dict[str, Any]:
        key = f"{_user_prefix(user_id)}{secrets.token_urlsafe(16)}.{_EXTENSIONS[f.content_type]}"
        post = await s3.presigned_post(
            key, content_type=f.content_type, max_bytes=settings.max_upload_bytes, expires_s=PRESIGN_TTL_S
        )
        return {"field": f.field, "filename": f.filename, "key": key, "url": post["url"], "fields": post["fields"]}

    return list(await asyncio.gather(*(one(f) for f in files)))


_KEY = re.compile(r"^incoming/[0-9a-f-]{36}/[A-Za-z0-9_-]{16,40}\.(jpg|png|gif|webp)$")


async def create_from_incoming(
    session: AsyncSession,
    storage: Storage,
    settings: Settings,
    fields: UploadFields,
    logo: SentFile,
    heroes: list[SentFile],
    sessionmaker: async_sessionmaker[AsyncSession],
    user_id: uuid.UUID,
) -> Campaign:
    s3 = _direct(storage)
    sent = [logo, *heroes]
    for f in sent:
        if not _KEY.match(f.key) or not f.key.startswith(_user_prefix(user_id)):
            raise InvalidInput(
                f"{f.field} ({f.filename}): not an upload of yours; ask for a new one.", code="invalid_key"
            )
    try:
        datas = await asyncio.gather(*(s3.get_incoming(f.key) for f in sent))
    except ObjectNotFound as exc:
        raise InvalidInput(
            "An uploaded file is missing (expired or never sent): upload it again.", code="upload_missing"
        ) from exc
    try:
        files = [UploadedFile(f.field, f.filename, data) for f, data in zip(sent, datas, strict=True)]
        return await create_campaign(
            session, storage, settings, fields, files[0], files[1:], sessionmaker, owner_id=user_id
        )
    finally:  # accepted ones were copied, cleaned, under campaigns/; refused ones must not stay
        await asyncio.gather(*(s3.delete_incoming(f.key) for f in sent), return_exceptions=True)
