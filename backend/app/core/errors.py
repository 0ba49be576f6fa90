"""Typed application errors and the handlers that render them as `{"detail", "code"}`."""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

logger = logging.getLogger("app.errors")


class ErrorBody(BaseModel):
    """The shape of every error response."""

    detail: str
    code: str


class AppError(Exception):
    """An error a client caused or can act on; carries its HTTP status and a stable code."""

    status_code = 400
    code = "bad_request"

    def __init__(self, detail: str, *, code: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.detail = detail
        if code:
            self.code = code
        self.headers = headers


class BadRequest(AppError):
    status_code = 400
    code = "bad_request"


class NotFound(AppError):
    status_code = 404
    code = "not_found"


class WrongStep(AppError):
    status_code = 409
    code = "wrong_step"


class PayloadTooLarge(AppError):
    status_code = 413
    code = "file_too_large"


class UnsupportedMediaType(AppError):
    status_code = 415
    code = "unsupported_media_type"


class InvalidInput(AppError):
    status_code = 422
    code = "validation_error"


class ServiceUnavailable(AppError):
    status_code = 503
    code = "service_unavailable"


class NotAuthenticated(AppError):
    """No token, or one that is forged, expired or for an account that no longer exists."""

    status_code = 401
    code = "not_authenticated"

    def __init__(self, detail: str = "Sign in to continue: the token is missing, invalid or expired.", **kw: Any):
        kw.setdefault("headers", {"WWW-Authenticate": "Bearer"})
        super().__init__(detail, **kw)


class Forbidden(AppError):
    status_code = 403
    code = "forbidden"


class Conflict(AppError):
    status_code = 409
    code = "conflict"


class RateLimited(AppError):
    """Too many requests; `Retry-After` says how many seconds to wait."""

    status_code = 429
    code = "rate_limited"

    def __init__(self, retry_after: int):
        super().__init__(
            f"Too many requests. Try again in {retry_after} second{'s' if retry_after != 1 else ''}.",
            headers={"Retry-After": str(retry_after)},
        )
        self.retry_after = retry_after


def error_responses(*errors: type[AppError]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` for the errors an endpoint can answer with."""
    out: dict[int | str, dict[str, Any]] = {}
    for err in errors:
        entry = out.setdefault(err.status_code, {"model": ErrorBody, "description": ""})
        entry["description"] = (entry["description"] + f" `{err.code}`").strip()
    return out


def _json(status: int, detail: str, code: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"detail": detail, "code": code, **extra}, status_code=status)


def _describe_validation(exc: RequestValidationError) -> tuple[str, list[dict[str, Any]]]:
    errors = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "form")]
        errors.append({"field": ".".join(loc) or None, "message": err.get("msg", "invalid")})
    first = errors[0] if errors else {"field": None, "message": "invalid request"}
    field = f"{first['field']}: " if first["field"] else ""
    return f"Invalid input — {field}{first['message']}", errors


_HTTP_CODES = {
    400: ("bad_request", "Bad request"),
    404: ("not_found", "Not found"),
    405: ("method_not_allowed", "Method not allowed"),
    413: ("request_too_large", "Request too large"),
}


def install_error_handlers(app: FastAPI) -> None:
    """Render every error in the contract's shape; never leak internals."""

    @app.exception_handler(IntegrityError)
    @app.exception_handler(StaleDataError)
    async def _conflict(_: Request, exc: IntegrityError | StaleDataError) -> JSONResponse:
        # Two requests raced on one campaign (both numbering proof version N+1, or both moving its status
        # from what they read: the campaign's revision check); the loser's transaction is rolled back, so
        # nothing is half-written. On PostgreSQL the row lock serialises them; SQLite ends up here.
        logger.warning("write conflict", extra={"constraint_error": type(getattr(exc, "orig", exc)).__name__})
        return _json(409, "This campaign changed while your request ran; reload it and try again.", "conflict")

    @app.exception_handler(PoolTimeout)
    async def _busy(_: Request, exc: PoolTimeout) -> JSONResponse:
        # Every database connection of this process stayed busy for DB_POOL_TIMEOUT_S: overload.
        # Nothing was written; a retry a few seconds later normally succeeds.
        logger.warning("database connection pool exhausted")
        detail = "The service is very busy right now and nothing was changed. Try again in a few seconds."
        response = _json(503, detail, "busy")
        response.headers["Retry-After"] = "5"
        return response

    @app.exception_handler(AppError)
    async def _app_error(_: Request, exc: AppError) -> JSONResponse:
        response = _json(exc.status_code, exc.detail, exc.code)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        detail, errors = _describe_validation(exc)
        return _json(422, detail, "validation_error", errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, default = _HTTP_CODES.get(exc.status_code, ("http_error", "Request failed"))
        detail = exc.detail if isinstance(exc.detail, str) and exc.status_code < 500 else default
        return JSONResponse(
            {"detail": detail, "code": code},
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )
