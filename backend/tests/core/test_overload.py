"""Overload: when every database connection stays busy, a request gets a clear 503, not a 500."""

from collections.abc import AsyncIterator

import httpx
import pytest

from tests.support.apps import MakeApp
from tests.support.clients import make_client


@pytest.fixture
async def one_connection_app(app: object, make_app: MakeApp) -> AsyncIterator[object]:
    # `app` first: on PostgreSQL it prepares the schema this instance then shares.
    async with make_app(db_pool_size=1, db_max_overflow=0, db_pool_timeout_s=0.3) as application:
        yield application


async def test_a_request_that_finds_no_free_connection_is_told_to_retry(
    one_connection_app: object, client: httpx.AsyncClient
):
    engine = one_connection_app.state.services.engine  # type: ignore[attr-defined]
    headers = {"Authorization": client.headers["Authorization"]}
    async with make_client(one_connection_app) as c:
        async with engine.connect():  # someone else's long request holds the only connection
            r = await c.get("/api/v1/campaigns", headers=headers)
        assert r.status_code == 503
        assert r.json() == {
            "detail": "The service is very busy right now and nothing was changed. Try again in a few seconds.",
            "code": "busy",
        }
        assert r.headers["retry-after"] == "5"
        # Once the connection is free again, the same request succeeds.
        assert (await c.get("/api/v1/campaigns", headers=headers)).status_code == 200
