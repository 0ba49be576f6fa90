"""Log lines and error reports carry the request, user and campaign ids, and nothing personal."""

import io
import json
import logging
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager

import httpx
import pytest
import sentry_sdk
from fastapi import FastAPI
from sentry_sdk.envelope import Envelope
from sentry_sdk.transport import Transport

from app.core.config import Settings
from app.core.log_context import bind_user
from app.core.logging import JsonFormatter
from tests.support.apps import MakeApp

log = logging.getLogger("app.test_observability")


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    buf = io.StringIO()
    handler = logging.StreamHandler(buf)
    handler.setFormatter(JsonFormatter())
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    yield buf
    log.removeHandler(handler)


@asynccontextmanager
async def app_with_probe_routes(make_app: MakeApp, **overrides: object) -> AsyncIterator[FastAPI]:
    """The real app (not started) plus routes that only log or fail (what any handler deeper in the app does)."""
    async with make_app(start=False, **overrides) as app:
        yield _add_probe_routes(app)


def _add_probe_routes(app: FastAPI) -> FastAPI:

    async def about_campaign(campaign_id: uuid.UUID) -> dict[str, str]:
        bind_user("7f1c0e4e-user")
        log.info("working on a campaign")
        return {}

    async def about_nothing() -> dict[str, str]:
        log.info("no campaign here")
        return {}

    async def boom() -> dict[str, str]:
        raise RuntimeError("secret internals")

    app.add_api_route("/probe/{campaign_id}", about_campaign)
    app.add_api_route("/probe", about_nothing)
    app.add_api_route("/boom/{campaign_id}", boom)
    return app


async def test_log_lines_carry_request_user_and_campaign(make_app: MakeApp, tmp_path, log_lines: io.StringIO):
    cid = str(uuid.uuid4())
    async with (
        app_with_probe_routes(make_app, media_root=tmp_path) as app,
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as c,
    ):
        r = await c.get(f"/probe/{cid}", headers={"X-Request-ID": "req-abc-123"})
        assert r.status_code == 200
        assert (await c.get("/probe")).status_code == 200
    first, second = (json.loads(line) for line in log_lines.getvalue().splitlines())
    assert first["message"] == "working on a campaign"
    assert first["request_id"] == "req-abc-123"
    assert first["campaign_id"] == cid
    assert first["user_id"] == "7f1c0e4e-user"
    # The next request starts clean: nothing leaks from the previous one.
    assert second["message"] == "no campaign here"
    assert "campaign_id" not in second and "user_id" not in second
    assert second["request_id"] != "req-abc-123"


class CapturingTransport(Transport):
    def __init__(self) -> None:
        super().__init__()
        self.envelopes: list[Envelope] = []

    def capture_envelope(self, envelope: Envelope) -> None:
        self.envelopes.append(envelope)


async def test_sentry_reports_unhandled_errors_without_personal_data(make_app: MakeApp, tmp_path):
    try:
        # building the app starts the Sentry client
        async with app_with_probe_routes(
            make_app, media_root=tmp_path, sentry_dsn="http://public@127.0.0.1:9/1"
        ) as app:
            transport = CapturingTransport()
            sentry_sdk.get_client().transport = transport  # keep the events here instead of sending them
            cid = str(uuid.uuid4())
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as c:
                r = await c.get(
                    f"/boom/{cid}",
                    headers={
                        "Authorization": "Bearer secret-token",
                        "Cookie": "session=abc",
                        "X-Request-ID": "req-boom-1",
                    },
                )
        assert r.status_code == 500
        assert "secret internals" not in r.text
        sentry_sdk.flush()
        events = [e for env in transport.envelopes if (e := env.get_event()) is not None]
        assert len(events) == 1, f"want one report per error, got {len(events)}"
        event = events[0]
        assert event["tags"]["request_id"] == "req-boom-1"
        assert event["tags"]["campaign_id"] == cid
        flat = json.dumps(events)
        assert "secret-token" not in flat and "session=abc" not in flat
        assert "user" not in event
    finally:
        sentry_sdk.get_client().close(timeout=0)
        sentry_sdk.init(dsn=None)


def test_no_dsn_no_sentry(settings: Settings):
    from app.core.sentry import init_sentry

    assert not init_sentry(settings)
