"""Browsing campaigns: list and detail."""

import httpx

from tests.support.clients import unknown_id
from tests.support.factories import UploadBuilder


async def test_list_is_newest_first_and_paginated(uploads: UploadBuilder, client: httpx.AsyncClient):
    first = await uploads.create(campaign_name="Older sale")
    second = await uploads.create(campaign_name="Newer sale")
    page = (await client.get("/api/v1/campaigns", params={"limit": 100})).json()
    ids = [item["id"] for item in page["items"]]
    assert ids.index(second["id"]) < ids.index(first["id"])
    assert ids == [second["id"], first["id"]] and page["total"] == 2
    top = (await client.get("/api/v1/campaigns", params={"limit": 1})).json()
    assert len(top["items"]) == 1 and top["items"][0]["id"] == second["id"]
    assert top["items"][0]["thumbnail_url"].startswith("http://testserver/media/")
    nxt = (await client.get("/api/v1/campaigns", params={"limit": 1, "offset": 1})).json()
    assert [item["id"] for item in nxt["items"]] == [first["id"]]


async def test_list_rejects_bad_paging(client: httpx.AsyncClient):
    r = await client.get("/api/v1/campaigns", params={"limit": 0})
    assert r.status_code == 422 and r.json()["code"] == "validation_error"
    assert (await client.get("/api/v1/campaigns", params={"limit": 101})).status_code == 422


async def test_detail_has_versions_and_decisions(uploads: UploadBuilder, client: httpx.AsyncClient):
    campaign = await uploads.approved()
    detail = (await client.get(f"/api/v1/campaigns/{campaign['id']}")).json()
    assert detail["status"] == "approved"
    assert len(detail["copy_versions"]) == 1
    assert len(detail["proof_versions"]) == 1
    assert detail["decisions"][0]["decision"] == "approve"
    assert detail["latest_proof"]["version"] == 1


async def test_unknown_and_malformed_ids(client: httpx.AsyncClient):
    r = await client.get(f"/api/v1/campaigns/{unknown_id()}")
    assert r.status_code == 404
    assert r.json() == {"detail": "No campaign with this id.", "code": "not_found"}
    r = await client.get("/api/v1/campaigns/not-a-uuid")
    assert r.status_code == 422 and r.json()["code"] == "validation_error"
