"""Reopen, duplicate, delete and restore a campaign."""

import asyncio
from collections.abc import Iterator

import httpx
import pytest

from app.core.config import Settings
from tests.support.apps import MakeApp
from tests.support.factories import UploadBuilder, jpeg
from tests.support.media import media_files


async def test_reopen_starts_a_new_round_and_the_approved_zip_stays_byte_identical(
    uploads: UploadBuilder, client: httpx.AsyncClient
):
    cid = (await uploads.approved())["id"]
    approved_zip = (await client.get(f"/api/v1/download/{cid}")).content
    # Before reopening, a change request is refused: approval is final for that round.
    r = await client.post(f"/api/v1/approve/{cid}", json={"decision": "request_changes", "comment": "typo"})
    assert r.status_code == 409

    r = await client.post(f"/api/v1/campaigns/{cid}/reopen")
    assert r.status_code == 200, r.text
    assert r.json()["approved_version"] == 1 and r.json()["campaign"]["status"] == "processed"
    edit = await client.patch(f"/api/v1/campaigns/{cid}/copy", json={"headline": "Fixed the typo in the headline"})
    assert edit.status_code == 200, edit.text
    assert (
        await client.patch(f"/api/v1/campaigns/{cid}", json={"cta_url": "https://example.com/v2"})
    ).status_code == 200
    assert (await client.post(f"/api/v1/process/{cid}")).status_code == 200
    proof = await client.post(f"/api/v1/generate/{cid}")
    assert proof.status_code == 201 and proof.json()["version"] == 2

    v1 = await client.get(f"/api/v1/download/{cid}", params={"version": 1})
    assert v1.status_code == 200 and v1.content == approved_zip
    assert (await client.get(f"/api/v1/download/{cid}")).json()["code"] == "not_approved"  # round 2 not yet approved
    r = await client.get(f"/api/v1/download/{cid}", params={"version": 2})
    assert r.status_code == 404 and "never approved" in r.json()["detail"]

    assert (await client.post(f"/api/v1/approve/{cid}", json={"decision": "approve"})).status_code == 200
    v2 = await client.get(f"/api/v1/download/{cid}")
    assert v2.headers["content-disposition"].endswith('-v2.zip"') and v2.content != approved_zip
    assert (await client.get(f"/api/v1/download/{cid}", params={"version": 1})).content == approved_zip


async def test_reopen_needs_an_approved_campaign(uploads: UploadBuilder, client: httpx.AsyncClient):
    cid = (await uploads.ready_for_review())["id"]
    r = await client.post(f"/api/v1/campaigns/{cid}/reopen")
    assert r.status_code == 409 and r.json()["code"] == "not_approved"


async def test_duplicate_copies_details_pictures_and_copy_without_upload(
    uploads: UploadBuilder, client: httpx.AsyncClient, settings: Settings
):
    heroes = [(f"h{i}.jpg", jpeg(1600, 1200), "image/jpeg") for i in range(2)]
    source = await uploads.ready_for_review(heroes=heroes, postal_address="1 Elm St")
    cid = source["id"]
    await client.patch(f"/api/v1/campaigns/{cid}/copy", json={"headline": "A hand-written headline"})
    r = await client.post(f"/api/v1/campaigns/{cid}/duplicate")
    assert r.status_code == 201, r.text
    clone = r.json()
    assert clone["id"] != cid and clone["campaign_name"].endswith("(copy)")
    assert clone["postal_address"] == "1 Elm St" and clone["status"] == "processed"
    assert clone["latest_copy"]["headline"] == "A hand-written headline" and clone["latest_copy"]["version"] == 1
    original = (await client.get(f"/api/v1/campaigns/{cid}")).json()
    assert len(clone["assets"]) == len(original["assets"]) == 3
    for mine, theirs in zip(clone["assets"], original["assets"], strict=True):
        assert mine["url"] != theirs["url"] and f"/campaigns/{clone['id']}/" in mine["url"]
        assert (await client.get(mine["url"])).content == (await client.get(theirs["url"])).content
    proof = await client.post(f"/api/v1/generate/{clone['id']}")
    assert proof.status_code == 201 and proof.json()["version"] == 1
    # Deleting the original leaves the copy whole: its files are its own.
    assert (await client.delete(f"/api/v1/campaigns/{cid}")).status_code == 204
    for asset in clone["assets"]:
        assert (await client.get(asset["url"])).status_code == 200


def _files_of(settings: Settings, cid: str) -> set[str]:
    return {str(p) for p in media_files(settings) if f"/campaigns/{cid}/" in str(p)}


async def test_delete_removes_every_file_and_it_is_never_served_again(
    uploads: UploadBuilder, client: httpx.AsyncClient, settings: Settings
):
    cid = (await uploads.approved())["id"]
    detail = (await client.get(f"/api/v1/campaigns/{cid}")).json()
    png = await client.get(f"/api/v1/preview/{cid}", params={"format": "png"})
    urls = [a["url"] for a in detail["assets"]] + [a["original_url"] for a in detail["assets"]]
    kinds = {p.split(f"/campaigns/{cid}/")[1].split("/")[0] for p in _files_of(settings, cid)}
    assert {"originals", "email", "proofs", "packages"} <= kinds
    if png.status_code == 200:  # picture proofs, when chromium is installed
        assert any(p.endswith(".png") and "/proofs/" in p for p in _files_of(settings, cid))

    r = await client.delete(f"/api/v1/campaigns/{cid}")
    assert r.status_code == 204 and r.content == b""
    assert _files_of(settings, cid) == set()
    assert (await client.get(f"/api/v1/campaigns/{cid}")).status_code == 404
    listed = (await client.get("/api/v1/campaigns", params={"limit": 100})).json()["items"]
    assert cid not in {c["id"] for c in listed} and listed == []
    for url in urls:
        assert (await client.get(url)).status_code == 404
    assert (await client.get(f"/api/v1/download/{cid}")).status_code == 404
    assert (await client.delete(f"/api/v1/campaigns/{cid}")).status_code == 404


async def test_another_advertiser_cannot_delete_or_duplicate(uploads: UploadBuilder, other_client: httpx.AsyncClient):
    cid = (await uploads.create())["id"]
    assert (await other_client.delete(f"/api/v1/campaigns/{cid}")).status_code == 404
    assert (await other_client.post(f"/api/v1/campaigns/{cid}/duplicate")).status_code == 404


@pytest.fixture
def retention(app: object) -> Iterator[Settings]:
    live: Settings = app.state.services.settings  # type: ignore[attr-defined]
    live.campaign_retention_days = 7
    yield live
    live.campaign_retention_days = 0


async def test_admin_restores_within_the_retention_window(
    retention: Settings,
    uploads: UploadBuilder,
    client: httpx.AsyncClient,
    admin_client: httpx.AsyncClient,
    settings: Settings,
):
    campaign = await uploads.create()
    cid = campaign["id"]
    logo_url = campaign["assets"][0]["url"]
    assert (await client.delete(f"/api/v1/campaigns/{cid}")).status_code == 204
    assert _files_of(settings, cid)  # kept for the window...
    assert (await client.get(logo_url)).status_code == 404  # ...but never served
    assert (await client.get(f"/api/v1/campaigns/{cid}")).status_code == 404
    assert (await client.get("/api/v1/campaigns", params={"deleted": "true"})).status_code == 403
    assert (await client.post(f"/api/v1/campaigns/{cid}/restore")).status_code == 404  # staff only, hidden

    deleted = (await admin_client.get("/api/v1/campaigns", params={"deleted": "true", "limit": 100})).json()
    assert [c["id"] for c in deleted["items"]] == [cid]
    r = await admin_client.post(f"/api/v1/campaigns/{cid}/restore")
    assert r.status_code == 200, r.text
    assert (await client.get(f"/api/v1/campaigns/{cid}")).status_code == 200
    assert (await client.get(logo_url)).status_code == 200
    assert (await admin_client.post(f"/api/v1/campaigns/{cid}/restore")).status_code == 404  # not deleted now


async def test_files_go_when_the_retention_window_ends(
    retention: Settings,
    uploads: UploadBuilder,
    client: httpx.AsyncClient,
    admin_client: httpx.AsyncClient,
    settings: Settings,
):
    cid = (await uploads.create())["id"]
    assert (await client.delete(f"/api/v1/campaigns/{cid}")).status_code == 204
    retention.campaign_retention_days = 0.00000001  # a window of under a millisecond...
    await asyncio.sleep(0.02)  # ...over by now (on a fast machine the next request came within 8 ms of the delete)
    deleted = (await admin_client.get("/api/v1/campaigns", params={"deleted": "true", "limit": 100})).json()
    assert cid not in {c["id"] for c in deleted["items"]} and deleted["total"] == 0
    assert _files_of(settings, cid) == set()
    assert (await admin_client.post(f"/api/v1/campaigns/{cid}/restore")).status_code == 404


async def test_files_go_on_time_even_when_nobody_asks(
    retention: Settings, uploads: UploadBuilder, client: httpx.AsyncClient, settings: Settings, make_app: MakeApp
):
    cid = (await uploads.create())["id"]
    assert (await client.delete(f"/api/v1/campaigns/{cid}")).status_code == 204
    assert _files_of(settings, cid)  # kept: its 7-day window has just begun
    # A replica started with a window that is already over, purging every second: no request reaches it.
    async with make_app(campaign_retention_days=0.00000001, retention_purge_interval_s=1):
        for _ in range(100):
            if not _files_of(settings, cid):
                break
            await asyncio.sleep(0.05)
        assert _files_of(settings, cid) == set()
