"""Rate limits as FastAPI dependencies: per IP, per signed-in user, and any extra key a route adds."""

from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Literal

from fastapi import Depends, Request

from app.core.errors import RateLimited
from app.core.rates import Rate, parse_rate
from app.core.security import bearer_subject

LimitScope = Literal["default", "login", "upload", "process"]


@lru_cache(maxsize=64)
def _parse(text: str) -> Rate:
    return parse_rate(text)


def client_ip(request: Request) -> str:
    """The peer address; behind nginx run uvicorn with --proxy-headers so this is the real client."""
    return request.client.host if request.client else "unknown"


async def _hit_in_order(request: Request, limits: list[tuple[str, Rate]]) -> None:
    """Count the request against each (key, rate) in turn; 429 at the first one past its limit.

    Stopping there matters: a request refused per address is not counted against the wider keys
    after it, so one noisy address cannot use up an account's ceiling (and lock its owner out).
    """
    limiter = request.app.state.services.limiter
    for key, rate in limits:
        verdict = await limiter.hit(key, rate)
        if not verdict.allowed:
            raise RateLimited(verdict.retry_after_s)


async def enforce_rate_limit(request: Request, scope: LimitScope, extra_keys: Iterable[str] = ()) -> None:
    """Count this request against the scope's limit for the IP, the user (if signed in) and extra keys."""
    settings = request.app.state.services.settings
    if not settings.rate_limit_enabled:
        return
    rate = _parse(getattr(settings, f"rate_limit_{scope}"))
    keys = [f"{scope}:ip:{client_ip(request)}"]
    user_id = bearer_subject(request.headers.get("authorization"), settings)
    if user_id:
        keys.append(f"{scope}:user:{user_id}")
    keys.extend(f"{scope}:{k}" for k in extra_keys)
    await _hit_in_order(request, [(key, rate) for key in keys])


async def enforce_login_limit(request: Request, account: str) -> None:
    """Sign-in attempts: RATE_LIMIT_LOGIN per address and per account from one address, and
    RATE_LIMIT_LOGIN_ACCOUNT per account from everywhere.

    Someone guessing at another person's account from their own address is stopped without locking
    the owner out: the owner signs in from another address. Only guessing from many addresses at once
    reaches the account-wide ceiling, which is set higher.
    """
    settings = request.app.state.services.settings
    if not settings.rate_limit_enabled:
        return
    per_address = _parse(settings.rate_limit_login)
    ip = client_ip(request)
    await _hit_in_order(
        request,
        [
            (f"login:ip:{ip}", per_address),
            (f"login:account-ip:{account}|{ip}", per_address),
            (f"login:account:{account}", _parse(settings.rate_limit_login_account)),
        ],
    )


def rate_limit(scope: LimitScope) -> Any:
    """`dependencies=[rate_limit("upload")]`: refuse with 429 and Retry-After past the scope's limit."""

    async def check_rate_limit(request: Request) -> None:
        await enforce_rate_limit(request, scope)

    return Depends(check_rate_limit)
