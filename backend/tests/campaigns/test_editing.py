"""Changing a campaign after upload: PATCH details, and pictures added, replaced, reordered, removed."""

import httpx

from tests.support.factories import UploadBuilder, jpeg, png


async def _proof_html(client: httpx.AsyncClient, cid: str) -> tuple[int, str]:
    proof = await client.post(f"/api/v1/generate/{cid}")
    assert proof.status_code == 201, proof.text
    html = await client.get(f"/api/v1/preview/{cid}", params={"format": "html", "version": proof.json()["version"]})
    return proof.json()["version"], html.text


async def test_edit_details_after_upload_shows_in_the_next_proof_as_a_new_version(
    uploads: UploadBuilder, client: httpx.AsyncClient
):
    campaign = await uploads.ready_for_review(postal_address="12 Main St\nSpringfield, IL 62701")
    cid = campaign["id"]
    first = (await client.get(f"/api/v1/preview/{cid}", params={"format": "html"})).text
    assert "12 Main St, Springfield, IL 62701" in first  # the address in the footer, lines joined
    r = await client.patch(
        f"/api/v1/campaigns/{cid}",
        json={"cta_url": "https://www.hibid.com/catalog/999", "postal_address": "PO Box 9, Peoria, IL"},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["cta_url"] == "https://www.hibid.com/catalog/999"
    assert body["postal_address"] == "PO Box 9, Peoria, IL"
    assert body["status"] == "processed" and body["next_step"] == "generate"  # the copy still fits
    version, html = await _proof_html(client, cid)
    assert version == 2
    assert "catalog/999" in html and "PO Box 9, Peoria, IL" in html and "12 Main St" not in html
    old = (await client.get(f"/api/v1/preview/{cid}", params={"format": "html", "version": 1})).text
    assert old == first  # version 1 is as it was


async def test_text_and_tone_changes_need_new_copy(uploads: UploadBuilder, client: httpx.AsyncClient):
    campaign = await uploads.ready_for_review()
    cid = campaign["id"]
    r = await client.patch(f"/api/v1/campaigns/{cid}", json={"tone": "friendly", "campaign_name": "  Spring   Sale "})
    assert r.status_code == 200, r.text
    assert r.json()["campaign_name"] == "Spring Sale" and r.json()["tone"] == "friendly"
    assert r.json()["status"] == "uploaded" and r.json()["next_step"] == "process"
    assert (await client.post(f"/api/v1/generate/{cid}")).status_code == 409


async def test_edit_refuses_bad_values_in_plain_words(uploads: UploadBuilder, client: httpx.AsyncClient):
    cid = (await uploads.create())["id"]
    r = await client.patch(f"/api/v1/campaigns/{cid}", json={"cta_url": "javascript:alert(1)"})
    assert r.status_code == 422 and r.json()["code"] == "invalid_url"
    assert "button link" in r.json()["detail"]
    r = await client.patch(f"/api/v1/campaigns/{cid}", json={"advertiser_name": "   "})
    assert r.status_code == 422 and "advertiser name" in r.json()["detail"]
    r = await client.patch(f"/api/v1/campaigns/{cid}", json={"postal_address": "x" * 301})
    assert r.status_code == 422 and "postal address" in r.json()["detail"]
    r = await client.patch(f"/api/v1/campaigns/{cid}", json={"owner_id": "someone"})
    assert r.status_code == 422


async def test_approved_campaign_cannot_change_until_reopened(uploads: UploadBuilder, client: httpx.AsyncClient):
    cid = (await uploads.approved())["id"]
    r = await client.patch(f"/api/v1/campaigns/{cid}", json={"cta_url": "https://example.com/new"})
    assert r.status_code == 409 and r.json()["code"] == "already_approved"
    assert "Reopen" in r.json()["detail"]


async def test_another_advertiser_cannot_edit(uploads: UploadBuilder, other_client: httpx.AsyncClient):
    cid = (await uploads.create())["id"]
    r = await other_client.patch(f"/api/v1/campaigns/{cid}", json={"campaign_name": "Mine now"})
    assert r.status_code == 404


async def test_add_reorder_focal_and_remove_photos(uploads: UploadBuilder, client: httpx.AsyncClient):
    campaign = await uploads.ready_for_review()
    cid = campaign["id"]
    r = await client.post(
        f"/api/v1/campaigns/{cid}/assets",
        data={"role": "hero", "position": "0"},
        files={"file": ("barn.jpg", jpeg(900, 600), "image/jpeg")},
    )
    assert r.status_code == 201, r.text
    heroes = [a for a in r.json()["assets"] if a["role"] == "hero"]
    assert [h["filename"] for h in heroes] == ["barn.jpg", "hero.jpg"]
    assert [h["position"] for h in heroes] == [0, 1]
    assert r.json()["status"] == "processed"

    moved = await client.patch(f"/api/v1/campaigns/{cid}/assets/{heroes[0]['id']}", json={"position": 5})
    assert moved.status_code == 200, moved.text
    order = [a["filename"] for a in moved.json()["assets"] if a["role"] == "hero"]
    assert order == ["hero.jpg", "barn.jpg"]

    focal = await client.patch(f"/api/v1/campaigns/{cid}/assets/{heroes[0]['id']}", json={"focal_x": 0.2, "focal_y": 1})
    barn = next(a for a in focal.json()["assets"] if a["filename"] == "barn.jpg")
    assert (barn["focal_x"], barn["focal_y"]) == (0.2, 1.0)
    assert (
        await client.patch(f"/api/v1/campaigns/{cid}/assets/{barn['id']}", json={"focal_x": 1.5})
    ).status_code == 422

    gone = await client.delete(f"/api/v1/campaigns/{cid}/assets/{barn['id']}")
    assert gone.status_code == 200, gone.text
    assert [a["filename"] for a in gone.json()["assets"] if a["role"] == "hero"] == ["hero.jpg"]
    version, html = await _proof_html(client, cid)
    assert version == 2 and barn["url"] not in html


async def test_new_logo_replaces_the_old_one(uploads: UploadBuilder, client: httpx.AsyncClient):
    campaign = await uploads.create()
    cid = campaign["id"]
    old_logo = next(a for a in campaign["assets"] if a["role"] == "logo")
    r = await client.post(
        f"/api/v1/campaigns/{cid}/assets",
        data={"role": "logo"},
        files={"file": ("new-logo.png", png(400, 100, color=(180, 20, 30)), "image/png")},
    )
    assert r.status_code == 201, r.text
    logos = [a for a in r.json()["assets"] if a["role"] == "logo"]
    assert len(logos) == 1 and logos[0]["filename"] == "new-logo.png" and logos[0]["id"] != old_logo["id"]
    r = await client.delete(f"/api/v1/campaigns/{cid}/assets/{logos[0]['id']}")
    assert r.status_code == 422 and r.json()["code"] == "logo_required"


async def test_asset_errors_name_the_photo_not_a_field(uploads: UploadBuilder, client: httpx.AsyncClient):
    heroes = [(f"h{i}.jpg", jpeg(800, 600), "image/jpeg") for i in range(3)]
    cid = (await uploads.create(heroes=heroes))["id"]
    r = await client.post(
        f"/api/v1/campaigns/{cid}/assets", data={"role": "hero"}, files={"file": ("four.jpg", jpeg(), "image/jpeg")}
    )
    assert r.status_code == 422 and r.json()["code"] == "too_many_files"
    assert "at most 3 photos" in r.json()["detail"]
    big = b"\xff\xd8" + b"0" * (5 * 1024 * 1024 + 10)
    r = await client.post(
        f"/api/v1/campaigns/{cid}/assets", data={"role": "logo"}, files={"file": ("huge.png", big, "image/png")}
    )
    assert r.status_code == 413 and r.json()["detail"].startswith("The logo is 5.0 MB")
