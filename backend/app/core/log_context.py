"""Who and what a request is about (user id, campaign id), for log lines and error reports.

Set once per request by RequestContextMiddleware; the campaign id is read from the
matched route's `{campaign_id}` path parameter, or bound explicitly where a campaign is
created (`bind_campaign`); the signed-in user is bound by the auth dependency (`bind_user`).
"""

from contextvars import ContextVar
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

_scope_var: ContextVar[Scope | None] = ContextVar("request_scope", default=None)
_campaign_id_var: ContextVar[str | None] = ContextVar("campaign_id", default=None)
_user_id_var: ContextVar[str | None] = ContextVar("user_id", default=None)


def bind_campaign(campaign_id: object) -> None:
    """Tag the rest of this request's logs with a campaign (e.g. one just created)."""
    _campaign_id_var.set(str(campaign_id))


def bind_user(user_id: object) -> None:
    """Tag the rest of this request's logs with the signed-in user's id (never the email)."""
    _user_id_var.set(str(user_id))


def current_campaign_id() -> str | None:
    if bound := _campaign_id_var.get():
        return bound
    scope = _scope_var.get()
    # The router fills path_params into the request's scope once a route matched.
    value: Any = scope.get("path_params", {}).get("campaign_id") if scope else None
    return str(value) if value is not None else None


def current_user_id() -> str | None:
    return _user_id_var.get()


class RequestContextMiddleware:
    """Starts every request with an empty context, so nothing leaks from one request to the next."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        tokens = (_scope_var.set(scope), _campaign_id_var.set(None), _user_id_var.set(None))
        try:
            await self.app(scope, receive, send)
        finally:
            _user_id_var.reset(tokens[2])
            _campaign_id_var.reset(tokens[1])
            _scope_var.reset(tokens[0])
