"""Rate limits as FastAPI dependencies: per IP, per signed-in user, and any extra key a route adds."""

from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Literal

from fastapi import Depends, Request

from app.auth.security import bearer_subject
from app.core.errors import RateLimited
from app.ratelimit.rates import Rate, parse_rate

LimitScope = Literal["default", "login", "upload", "process"]


@lru_cache(maxsize=64)
def _parse(text: str) -> Rate:
    return parse_rate(text)


def client_ip(request: Request) -> str:
    """The peer address; behind nginx run uvicorn with --proxy-headers so this is the real client."""
    return request.client.host if request.client else "unknown"


async def enforce_rate_limit(request: Request, scope: LimitScope, extra_keys: Iterable[str] = ()) -> None:
    """Count this request against the scope's limit for the IP, the user (if signed in) and extra keys."""
    services = request.app.state.services
    settings = services.settings
    if not settings.rate_limit_enabled:
        return
    rate = _parse(getattr(settings, f"rate_limit_{scope}"))
    keys = [f"{scope}:ip:{client_ip(request)}"]
    user_id = bearer_subject(request.headers.get("authorization"), settings)
    if user_id:
        keys.append(f"{scope}:user:{user_id}")
    keys.extend(f"{scope}:{k}" for k in extra_keys)
    wait = 0
    for key in keys:
        verdict = await services.limiter.hit(key, rate)
        if not verdict.allowed:
            wait = max(wait, verdict.retry_after_s)
    if wait:
        raise RateLimited(wait)


def rate_limit(scope: LimitScope) -> Any:
    """`dependencies=[rate_limit("upload")]`: refuse with 429 and Retry-After past the scope's limit."""

    async def check_rate_limit(request: Request) -> None:
        await enforce_rate_limit(request, scope)

    return Depends(check_rate_limit)
