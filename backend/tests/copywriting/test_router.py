"""POST /api/v1/process: copy is written, stored as a version, and reused when nothing changed."""

import httpx

from tests.support.clients import unknown_id
from tests.support.factories import UploadBuilder


async def test_process_writes_offline_copy(uploads: UploadBuilder, client: httpx.AsyncClient):
    campaign = await uploads.create()
    r = await client.post(f"/api/v1/process/{campaign['id']}")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["source"] == "offline" and body["fallback_reason"] is None
    assert body["campaign"]["status"] == "processed"
    assert body["campaign"]["next_step"] == "generate"
    copy = body["copy"]
    assert copy["version"] == 1 and len(copy["subject_lines"]) == 3
    asset_ids = {a["id"] for a in campaign["assets"]}
    assert set(copy["alt_texts"]) == asset_ids


async def test_same_inputs_reuse_the_stored_copy(uploads: UploadBuilder, client: httpx.AsyncClient):
    campaign = await uploads.create()
    first = (await client.post(f"/api/v1/process/{campaign['id']}")).json()
    again = (await client.post(f"/api/v1/process/{campaign['id']}")).json()
    assert again["reused"] is True and first["reused"] is False
    assert again["copy"]["version"] == first["copy"]["version"] == 1


async def test_process_unknown_campaign_is_404(client: httpx.AsyncClient):
    r = await client.post(f"/api/v1/process/{unknown_id()}")
    assert r.status_code == 404 and r.json()["code"] == "not_found"


async def test_process_after_approval_is_refused(uploads: UploadBuilder, client: httpx.AsyncClient):
    campaign = await uploads.approved()
    r = await client.post(f"/api/v1/process/{campaign['id']}")
    assert r.status_code == 409
    assert r.json()["code"] == "already_approved"
    assert "download" in r.json()["detail"]


async def test_requested_changes_without_an_ai_writer_say_so(uploads: UploadBuilder, client: httpx.AsyncClient):
    campaign = await uploads.ready_for_review()
    cid = campaign["id"]
    r = await client.post(f"/api/v1/approve/{cid}", json={"decision": "request_changes", "comment": "Shorter, please"})
    assert r.status_code == 200
    redo = (await client.post(f"/api/v1/process/{cid}")).json()
    assert redo["copy"]["feedback"] == "Shorter, please"
    assert "feedback_not_applied" in {w["code"] for w in redo["copy"]["warnings"]}
    edited = (await client.patch(f"/api/v1/campaigns/{cid}/copy", json={"headline": "Winter sale"})).json()
    assert "feedback_not_applied" not in {w["code"] for w in edited["warnings"]}
