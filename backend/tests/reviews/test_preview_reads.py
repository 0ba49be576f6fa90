"""GET /preview only reads: a campaign that another request is changing is still shown at once.

(Here, not in tests/proofs: the email suite runs those on SQLite only, where this never ran.)"""

import asyncio
import uuid
from typing import Any

import httpx
from fastapi import FastAPI
from sqlmodel import select

from app.campaigns.models import Campaign


async def test_preview_does_not_wait_for_a_campaign_locked_by_another_request(
    uploads: Any, client: httpx.AsyncClient, app: FastAPI
):
    # The lock is real on PostgreSQL (FOR UPDATE), a no-op on SQLite: the PostgreSQL leg is where it proves it.
    cid = (await uploads.ready_for_review())["id"]
    async with app.state.services.sessionmaker() as other:  # e.g. a POST /generate holding the row
        stmt = select(Campaign).where(Campaign.id == uuid.UUID(cid)).with_for_update()
        assert (await other.exec(stmt)).first() is not None
        r = await asyncio.wait_for(client.get(f"/api/v1/preview/{cid}"), timeout=10)
        await other.rollback()
    assert r.status_code == 200
    assert r.json()["proof_version"] == 1
