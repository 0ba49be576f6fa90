"""`/media/<key>` when files live in S3: a redirect to a short-lived presigned URL.

Emails and the web app link to `BACKEND_URL/media/<key>` whatever the backend
(storage.urls.media_url), so a link in a sent email keeps working after
any one presigned URL has expired. LocalStorage serves the same path as static files.
"""

import logging

from fastapi import APIRouter
from fastapi.responses import RedirectResponse

from app.campaigns.renditions import ensure_rendition_for_key
from app.campaigns.visibility import is_served
from app.core.deps import SessionmakerDep, SettingsDep
from app.core.errors import NotFound
from app.storage.base import StorageError
from app.storage.deps import StorageDep

logger = logging.getLogger(__name__)
router = APIRouter(tags=["media"])

# Only objects the app wrote for campaigns; the bucket may hold other things (backups).
MEDIA_KEY_PREFIX = "campaigns/"


@router.get("/media/{key:path}", include_in_schema=False)
async def media(
    key: str, sessionmaker: SessionmakerDep, storage: StorageDep, settings: SettingsDep
) -> RedirectResponse:
    """307 to a presigned GET; browsers and email clients follow it transparently."""
    # A presigned URL is made without asking S3 whether the file exists: a deleted campaign's links
    # (whose files are gone, or waiting out the retention window) must answer 404 here.
    if not key.startswith(MEDIA_KEY_PREFIX) or not await is_served(sessionmaker, key):
        raise NotFound("No such file.", code="media_not_found")
    # A photo's rendition may still be in the making a moment after upload (campaigns.renditions).
    await ensure_rendition_for_key(sessionmaker, storage, key, wait_s=settings.rendition_wait_s)
    try:
        url = await storage.url(key)
    except StorageError as exc:
        raise NotFound("No such file.", code="media_not_found") from exc
    # Cache the redirect for well under the URL's lifetime so a cached hop never leads to an expired link.
    max_age = max(0, min(300, settings.presigned_url_ttl_s // 4))
    return RedirectResponse(url, status_code=307, headers={"Cache-Control": f"private, max-age={max_age}"})
