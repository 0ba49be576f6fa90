"""The live preview: typed copy rendered into the email, nothing stored."""

import httpx

from tests.support.factories import UploadBuilder


async def test_draft_preview_shows_typed_copy_and_stores_nothing(uploads: UploadBuilder, client: httpx.AsyncClient):
    cid = (await uploads.ready_for_review())["id"]
    before = (await client.get(f"/api/v1/campaigns/{cid}")).json()
    r = await client.post(
        f"/api/v1/campaigns/{cid}/draft-preview",
        json={"headline": "Typed just now <b>bold</b>", "paragraphs": ["One.", "Two."]},
    )
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    assert "Typed just now &lt;b&gt;bold&lt;/b&gt;" in r.text
    assert "s-paragraph-2" in r.text and "script-src 'none'" in r.headers["content-security-policy"]
    after = (await client.get(f"/api/v1/campaigns/{cid}")).json()
    assert len(after["copy_versions"]) == len(before["copy_versions"])
    assert len(after["proof_versions"]) == len(before["proof_versions"]) and after["status"] == before["status"]


async def test_draft_preview_refuses_what_saving_would_refuse(uploads: UploadBuilder, client: httpx.AsyncClient):
    cid = (await uploads.ready_for_review())["id"]
    r = await client.post(f"/api/v1/campaigns/{cid}/draft-preview", json={"headline": "x" * 101})
    assert r.status_code == 422
    fresh = (await uploads.create())["id"]
    r = await client.post(f"/api/v1/campaigns/{fresh}/draft-preview", json={"headline": "Hi"})
    assert r.status_code == 409
