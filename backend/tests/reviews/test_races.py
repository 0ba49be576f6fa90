"""Two tabs (or two people) acting on one campaign at the same moment: one wins, the other gets a clear 409.

SQLite, the default database, has no row locks; these races used to leave two approvals, or an approved
campaign whose latest copy or proof was not the one approved.
"""

import asyncio

import httpx

from tests.support.factories import UploadBuilder


async def _state(client: httpx.AsyncClient, cid: str) -> dict:
    r = await client.get(f"/api/v1/campaigns/{cid}")
    assert r.status_code == 200, r.text
    return r.json()


def _assert_one_won(responses: list[httpx.Response], ok: int) -> None:
    statuses = sorted(r.status_code for r in responses)
    assert statuses == sorted([ok, 409]), [r.text for r in responses]
    loser = next(r for r in responses if r.status_code == 409)
    assert loser.json()["code"] in {"conflict", "already_approved", "stale_proof", "wrong_step"}
    assert loser.json()["detail"]


async def test_two_simultaneous_approves_make_one_decision(uploads: UploadBuilder, client: httpx.AsyncClient):
    cid = (await uploads.ready_for_review())["id"]
    responses = await asyncio.gather(
        *(client.post(f"/api/v1/approve/{cid}", json={"decision": "approve"}) for _ in range(2))
    )
    _assert_one_won(list(responses), 200)
    state = await _state(client, cid)
    assert state["status"] == "approved"
    assert [d["decision"] for d in state["decisions"]] == ["approve"]


async def test_copy_edit_racing_an_approve_never_leaves_the_approval_stale(
    uploads: UploadBuilder, client: httpx.AsyncClient
):
    cid = (await uploads.ready_for_review())["id"]
    approve, edit = await asyncio.gather(
        client.post(f"/api/v1/approve/{cid}", json={"decision": "approve"}),
        client.patch(f"/api/v1/campaigns/{cid}/copy", json={"headline": "Edited while approving"}),
    )
    _assert_one_won([approve, edit], 200)
    state = await _state(client, cid)
    latest_copy = state["copy_versions"][-1]
    if approve.status_code == 200:
        # The approved proof renders the latest copy: the edit did not slip in after it.
        assert state["status"] == "approved"
        assert latest_copy["headline"] != "Edited while approving"
        assert state["proof_versions"][-1]["copy_version"] == latest_copy["version"]
    else:
        assert state["status"] == "processed"
        assert latest_copy["headline"] == "Edited while approving"
        assert state["decisions"] == []


async def test_generate_racing_an_approve_never_adds_a_proof_after_the_approved_one(
    uploads: UploadBuilder, client: httpx.AsyncClient
):
    cid = (await uploads.ready_for_review())["id"]
    approve, generate = await asyncio.gather(
        client.post(f"/api/v1/approve/{cid}", json={"decision": "approve"}),
        client.post(f"/api/v1/generate/{cid}"),
    )
    # Serialised the other way round (generate, then approve) both may succeed: the approval is then of
    # the new proof. What must never happen is an approval followed by a later, unapproved proof.
    assert sorted([approve.status_code, generate.status_code]) in ([200, 409], [201, 409], [200, 201]), (
        approve.text,
        generate.text,
    )
    state = await _state(client, cid)
    proofs = state["proof_versions"]
    if approve.status_code == 200:
        assert state["status"] == "approved"
        assert len(proofs) == (2 if generate.status_code == 201 else 1)
        assert [d["proof_version"] for d in state["decisions"]] == [proofs[-1]["version"]]
    else:
        assert state["status"] == "proof_ready"
        assert len(proofs) == 2
        assert state["decisions"] == []
