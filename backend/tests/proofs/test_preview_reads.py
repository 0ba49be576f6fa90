"""GET /preview only reads: a campaign that another request is changing is still shown at once."""

import asyncio
import uuid
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlmodel import select

from app.campaigns.models import Campaign
from app.core.config import Settings


async def test_preview_does_not_wait_for_a_campaign_locked_by_another_request(
    uploads: Any, client: httpx.AsyncClient, app: FastAPI, settings: Settings
):
    if settings.is_sqlite:
        pytest.skip("SQLite has no row locks: this runs in the PostgreSQL leg")
    cid = (await uploads.ready_for_review())["id"]
    async with app.state.services.sessionmaker() as other:  # e.g. a POST /generate holding the row
        stmt = select(Campaign).where(Campaign.id == uuid.UUID(cid)).with_for_update()
        assert (await other.exec(stmt)).first() is not None
        r = await asyncio.wait_for(client.get(f"/api/v1/preview/{cid}"), timeout=10)
        await other.rollback()
    assert r.status_code == 200
    assert r.json()["proof_version"] == 1
