"""`/media/<key>` when files live in S3: a redirect to a short-lived presigned URL.

Emails and the web app link to `BACKEND_URL/media/<key>` whatever the backend
(campaigns.presenters.media_url), so a link in a sent email keeps working after
any one presigned URL has expired. LocalStorage serves the same path as static files.
"""

import logging

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse

from app.core.deps import SessionmakerDep, SettingsDep
from app.core.errors import NotFound
from app.images.renditions import ensure_rendition_for_key
from app.storage.base import ObjectNotFound, StorageError
from app.storage.deps import StorageDep
from app.storage.visibility import is_served

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
    # A photo's rendition may still be in the making a moment after upload (images.renditions).
    await ensure_rendition_for_key(sessionmaker, storage, key, wait_s=settings.rendition_wait_s)
    try:
        url = await storage.url(key)
    except StorageError as exc:
        raise NotFound("No such file.", code="media_not_found") from exc
    # Cache the redirect for well under the URL's lifetime so a cached hop never leads to an expired link.
    max_age = max(0, min(300, settings.presigned_url_ttl_s // 4))
    return RedirectResponse(url, status_code=307, headers={"Cache-Control": f"private, max-age={max_age}"})


def install_storage_error_handlers(app: FastAPI) -> None:
    """A storage failure that reaches a handler: 503 when the store is down, 404 when a file is gone.

    Logged with the trace for operators (and Sentry); the client gets the contract's short body.
    """

    @app.exception_handler(StorageError)
    async def _storage_error(_: Request, exc: StorageError) -> JSONResponse:
        if isinstance(exc, ObjectNotFound):
            logger.error("stored file missing", extra={"key": str(exc)})
            return JSONResponse(
                {"detail": "A file of this campaign is missing from storage.", "code": "file_missing"},
                status_code=404,
            )
        logger.error("file storage failed", exc_info=exc)
        return JSONResponse(
            {
                "detail": "The file storage is not reachable right now. Try again in a minute.",
                "code": "storage_unavailable",
            },
            status_code=503,
            headers={"Retry-After": "30"},
        )
