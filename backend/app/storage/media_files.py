"""`/media/<key>` from the local folder, for photos whose rendition may still be in the making."""

from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from app.images.renditions import ensure_rendition_for_key


class MediaFiles(StaticFiles):
    """Static files; on a miss, waits for (or makes) the photo's background rendition, then serves it."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            return await super().get_response(path, scope)
        except HTTPException as exc:
            if exc.status_code != 404:
                raise
            services = scope["app"].state.services
            await ensure_rendition_for_key(
                services.sessionmaker, services.storage, path, wait_s=services.settings.rendition_wait_s
            )
            return await super().get_response(path, scope)
