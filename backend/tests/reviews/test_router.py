"""POST /api/v1/approve: decisions on proofs, kept for ever."""

import httpx
import pytest

from tests.support.clients import unknown_id
from tests.support.factories import UploadBuilder


async def test_request_changes_then_approve_the_second_version(uploads: UploadBuilder, client: httpx.AsyncClient):
    campaign = await uploads.ready_for_review()
    cid = campaign["id"]
    r = await client.post(
        f"/api/v1/approve/{cid}",
        json={"decision": "request_changes", "comment": "Mention the preview day", "proof_version": 1},
    )
    assert r.status_code == 200, r.text
    assert r.json()["campaign"]["status"] == "changes_requested"
    assert r.json()["campaign"]["next_step"] == "process"

    r = await client.post(f"/api/v1/generate/{cid}")
    assert r.status_code == 409 and "process" in r.json()["detail"]
    r = await client.post(f"/api/v1/approve/{cid}", json={"decision": "approve"})
    assert r.status_code == 409

    processed = (await client.post(f"/api/v1/process/{cid}")).json()
    assert processed["copy"]["version"] == 2
    assert processed["copy"]["feedback"] == "Mention the preview day"
    proof = (await client.post(f"/api/v1/generate/{cid}")).json()
    assert proof["version"] == 2

    stale = await client.post(f"/api/v1/approve/{cid}", json={"decision": "approve", "proof_version": 1})
    assert stale.status_code == 409 and stale.json()["code"] == "stale_proof"

    ok = await client.post(f"/api/v1/approve/{cid}", json={"decision": "approve", "proof_version": 2})
    assert ok.status_code == 200
    assert ok.json()["decision"]["proof_version"] == 2
    assert ok.json()["campaign"]["status"] == "approved"

    detail = (await client.get(f"/api/v1/campaigns/{cid}")).json()
    assert [d["decision"] for d in detail["decisions"]] == ["request_changes", "approve"]
    assert [p["version"] for p in detail["proof_versions"]] == [1, 2]

    again = await client.post(f"/api/v1/approve/{cid}", json={"decision": "approve"})
    assert again.status_code == 409 and again.json()["code"] == "already_approved"


async def test_approve_before_a_proof_exists(uploads: UploadBuilder, client: httpx.AsyncClient):
    campaign = await uploads.create()
    r = await client.post(f"/api/v1/approve/{campaign['id']}", json={"decision": "approve"})
    assert r.status_code == 409 and "process" in r.json()["detail"]
    await client.post(f"/api/v1/process/{campaign['id']}")
    r = await client.post(f"/api/v1/approve/{campaign['id']}", json={"decision": "approve"})
    assert r.status_code == 409 and "generate" in r.json()["detail"]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"decision": "request_changes"}, "comment_required"),
        ({"decision": "request_changes", "comment": "   "}, "comment_required"),
        ({"decision": "maybe"}, "validation_error"),
        ({"decision": "approve", "unexpected": 1}, "validation_error"),
        ({"decision": "approve", "proof_version": 0}, "validation_error"),
        ({"decision": "approve", "comment": "c" * 2001}, "validation_error"),
    ],
)
async def test_bad_decisions_are_refused(uploads: UploadBuilder, client: httpx.AsyncClient, body, code):
    campaign = await uploads.ready_for_review()
    r = await client.post(f"/api/v1/approve/{campaign['id']}", json=body)
    assert r.status_code == 422, r.text
    assert r.json()["code"] == code
    status = (await client.get(f"/api/v1/campaigns/{campaign['id']}")).json()["status"]
    assert status == "proof_ready"


async def test_approve_unknown_campaign_and_malformed_json(client: httpx.AsyncClient):
    r = await client.post(f"/api/v1/approve/{unknown_id()}", json={"decision": "approve"})
    assert r.status_code == 404
    r = await client.post(
        f"/api/v1/approve/{unknown_id()}", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert r.status_code in (404, 422)
    assert "Traceback" not in r.text
