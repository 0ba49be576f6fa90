"""Generating and previewing proofs."""

import asyncio

import httpx

from tests.support.clients import unknown_id
from tests.support.factories import UploadBuilder, jpeg


async def test_generate_before_process_names_the_step(uploads: UploadBuilder, client: httpx.AsyncClient):
    campaign = await uploads.create()
    r = await client.post(f"/api/v1/generate/{campaign['id']}")
    assert r.status_code == 409
    assert r.json()["code"] == "wrong_step"
    assert "process" in r.json()["detail"]


async def test_generate_makes_new_versions_and_keeps_old_ones(uploads: UploadBuilder, client: httpx.AsyncClient):
    heroes = [(f"h{i}.jpg", jpeg(1200, 800), "image/jpeg") for i in range(3)]
    campaign = await uploads.ready_for_review(heroes=heroes)
    first = campaign["proof"]
    assert first["version"] == 1 and first["copy_version"] == 1
    assert first["size_bytes"] < 102 * 1024
    assert "Annual Winter Estate Auction" in first["text"]
    assert "https://www.hibid.com/catalog/123456" in first["text"]
    assert "<" not in first["text"]
    second = (await client.post(f"/api/v1/generate/{campaign['id']}")).json()
    assert second["version"] == 2
    old = await client.get(f"/api/v1/preview/{campaign['id']}", params={"format": "html", "version": 1})
    assert old.status_code == 200
    missing = await client.get(f"/api/v1/preview/{campaign['id']}", params={"version": 9})
    assert missing.status_code == 404


async def test_preview_json_and_html(uploads: UploadBuilder, client: httpx.AsyncClient):
    campaign = await uploads.ready_for_review()
    r = await client.get(f"/api/v1/preview/{campaign['id']}")
    assert r.status_code == 200
    body = r.json()
    assert body["proof_version"] == 1 and len(body["subject_lines"]) == 3
    assert body["preheader"] and body["plain_text"]
    html = await client.get(body["html_url"].replace("http://testserver", ""))
    assert html.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    assert "script-src 'none'" in html.headers["content-security-policy"]
    page = html.text
    assert 'lang="en"' in page
    assert "http://testserver/media/campaigns/" in page  # images by absolute URL
    cta = "https://www.hibid.com/catalog/123456?utm_source=hibid&amp;utm_medium=email&amp;utm_campaign="
    assert f'href="{cta}annual-winter-estate-auction' in page
    assert "{{unsubscribe_url}}" in page


async def test_preview_renders_a_proof_when_none_exists(uploads: UploadBuilder, client: httpx.AsyncClient):
    campaign = await uploads.create()
    r = await client.get(f"/api/v1/preview/{campaign['id']}")
    assert r.status_code == 409 and "process" in r.json()["detail"]
    await client.post(f"/api/v1/process/{campaign['id']}")
    r = await client.get(f"/api/v1/preview/{campaign['id']}")
    assert r.status_code == 200 and r.json()["proof_version"] == 1
    r = await client.get(f"/api/v1/preview/{campaign['id']}")
    assert r.json()["proof_version"] == 1  # cached, not rendered again


async def test_special_characters_in_text_are_escaped_not_rendered(uploads: UploadBuilder, client: httpx.AsyncClient):
    text = "Lots 5 < 6 > 4 & \"quoted\" 'single' -- https://evil.example"
    campaign = await uploads.ready_for_review(text_content=text, campaign_name="Bold & Co < Sons")
    html = (await client.get(f"/api/v1/preview/{campaign['id']}", params={"format": "html"})).text
    assert "<script" not in html
    assert '<a href="https://evil.example"' not in html  # a URL in the text never becomes a link
    assert "Bold &amp; Co &lt; Sons" in html


async def test_markup_in_text_is_shown_as_text_not_run(uploads: UploadBuilder, client: httpx.AsyncClient):
    campaign = await uploads.ready_for_review(
        text_content='Great sale. <script>alert("x")</script>', advertiser_name="<b>Bold</b> & Co"
    )
    html = (await client.get(f"/api/v1/preview/{campaign['id']}", params={"format": "html"})).text
    assert "<script>alert" not in html and "<b>Bold</b>" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; Co" in html


async def test_no_cta_url_is_a_warning(uploads: UploadBuilder):
    campaign = await uploads.ready_for_review(cta_url=None)
    codes = {w["code"] for w in campaign["proof"]["warnings"]}
    assert "no_cta_url" in codes


async def test_preview_unknown_campaign(client: httpx.AsyncClient):
    assert (await client.get(f"/api/v1/preview/{unknown_id()}")).status_code == 404
    assert (await client.post(f"/api/v1/generate/{unknown_id()}")).status_code == 404


async def test_concurrent_renders_never_answer_500(uploads: UploadBuilder, client: httpx.AsyncClient):
    """Several tabs generating at once: each gets a proof or a clear 409, and versions stay unique."""
    campaign = await uploads.ready_for_review()
    cid = campaign["id"]
    responses = await asyncio.gather(*(client.post(f"/api/v1/generate/{cid}") for _ in range(4)))
    statuses = sorted(r.status_code for r in responses)
    assert set(statuses) <= {201, 409}, [r.text for r in responses]
    assert 201 in statuses
    for r in responses:
        if r.status_code == 409:
            assert r.json()["code"] == "conflict" and "try again" in r.json()["detail"]
    versions = [p["version"] for p in (await client.get(f"/api/v1/campaigns/{cid}")).json()["proof_versions"]]
    assert versions == list(range(1, len(versions) + 1))
    assert len(versions) == 1 + statuses.count(201)
