"""Error reports to Sentry when SENTRY_DSN is set; no personal data leaves the server."""

from typing import Any

import sentry_sdk

from app.core.config import Settings
from app.core.log_context import current_campaign_id, current_user_id
from app.core.middleware import request_id_var


def _tag_event(event: Any, hint: Any) -> Any:
    """Attach the request id, campaign id and user id (opaque ids, never emails or bodies)."""
    tags = event.setdefault("tags", {})
    for name, value in (
        ("request_id", request_id_var.get()),
        ("campaign_id", current_campaign_id()),
        ("user_id", current_user_id()),
    ):
        if value:
            tags[name] = value
    request = event.get("request")
    if isinstance(request, dict):
        request.pop("cookies", None)
        request.pop("data", None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            for name in list(headers):
                if name.lower() in ("authorization", "cookie", "x-forwarded-for", "x-real-ip"):
                    del headers[name]
    event.pop("user", None)
    return event


def init_sentry(settings: Settings, **options: Any) -> bool:
    """Start the Sentry client when SENTRY_DSN is set; returns whether it did."""
    if not settings.sentry_dsn:
        return False
    sentry_sdk.init(
        dsn=settings.sentry_dsn,
        environment=settings.environment,
        release=settings.sentry_release,
        send_default_pii=False,
        max_request_body_size="never",
        # Stack-frame locals hold ASGI scopes (Authorization, cookies), passwords and advertiser text.
        include_local_variables=False,
        traces_sample_rate=settings.sentry_traces_sample_rate,
        before_send=_tag_event,
        **options,
    )
    return True
