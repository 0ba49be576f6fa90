"""Who decided is shown to the people entitled to know: staff e-mail addresses stay with staff."""

import httpx

from tests.support.factories import UploadBuilder
from tests.support.settings import ADMIN_EMAIL


async def test_an_advertiser_sees_hibid_staff_not_the_staff_address(
    uploads: UploadBuilder, client: httpx.AsyncClient, admin_client: httpx.AsyncClient
):
    cid = (await uploads.ready_for_review())["id"]
    r = await admin_client.post(
        f"/api/v1/approve/{cid}", json={"decision": "request_changes", "comment": "Bigger logo"}
    )
    assert r.status_code == 200, r.text
    assert r.json()["decision"]["decided_by"] == ADMIN_EMAIL  # staff see who it was

    seen_by_owner = (await client.get(f"/api/v1/campaigns/{cid}")).json()["decisions"]
    assert [d["decided_by"] for d in seen_by_owner] == ["HiBid staff"]
    assert ADMIN_EMAIL not in (await client.get(f"/api/v1/campaigns/{cid}")).text

    seen_by_staff = (await admin_client.get(f"/api/v1/campaigns/{cid}")).json()["decisions"]
    assert [d["decided_by"] for d in seen_by_staff] == [ADMIN_EMAIL]


async def test_the_owner_sees_their_own_decision_as_theirs(uploads: UploadBuilder, client: httpx.AsyncClient):
    cid = (await uploads.approved())["id"]
    me = (await client.get("/api/v1/auth/me")).json()["email"]
    decisions = (await client.get(f"/api/v1/campaigns/{cid}")).json()["decisions"]
    assert [d["decided_by"] for d in decisions] == [me]
