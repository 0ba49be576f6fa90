"""How a storage failure that reaches a handler is answered."""

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from app.storage.base import ObjectNotFound, StorageError

logger = logging.getLogger(__name__)


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
