"""`/media/<key>` from the local folder, for photos whose rendition may still be in the making."""

from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from app.campaigns.renditions import ensure_rendition_for_key
from app.campaigns.visibility import is_served


class MediaFiles(StaticFiles):
    """Static files; on a miss, waits for (or makes) the photo's background rendition, then serves it."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        services = scope["app"].state.services
        # A deleted campaign's files may wait out the retention window; they are never served meanwhile.
        if services.settings.campaign_retention_days > 0 and not await is_served(services.sessionmaker, path):
            raise HTTPException(status_code=404)
        try:
            return await super().get_response(path, scope)
        except HTTPException as exc:
            if exc.status_code != 404:
                raise
            await ensure_rendition_for_key(
                services.sessionmaker, services.storage, path, wait_s=services.settings.rendition_wait_s
            )
            return await super().get_response(path, scope)
