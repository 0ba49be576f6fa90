"""Review links: someone without an account reads one campaign's proof, comments and decides."""

import hashlib
import uuid
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest
from sqlmodel import select

from app.core.clock import utcnow
from app.reviews.models import ReviewLink
from tests.support.factories import UploadBuilder


def token_of(url: str) -> str:
    return url.rsplit("/review/", 1)[1]


async def _link(client: httpx.AsyncClient, cid: str, **body: object) -> dict[str, object]:
    r = await client.post(f"/api/v1/campaigns/{cid}/review-links", json=body or None)
    assert r.status_code == 201, r.text
    return r.json()  # type: ignore[no-any-return]


async def test_a_reviewer_without_an_account_approves_through_a_link(
    app: object, uploads: UploadBuilder, client: httpx.AsyncClient, anon_client: httpx.AsyncClient
):
    campaign = await uploads.ready_for_review()
    cid = campaign["id"]
    link = await _link(client, cid, label="The owner")
    token = token_of(str(link["url"]))
    assert str(link["url"]).startswith("http://localhost:8000/review/")  # FRONTEND_URL: the web app's page
    assert len(token) >= 43 and link["label"] == "The owner" and link["active"] is True
    expires = link["expires_at"]
    assert isinstance(expires, str) and expires[:10] == (utcnow() + timedelta(days=7)).date().isoformat()

    page = await anon_client.get(f"/api/v1/review/{token}")
    assert page.status_code == 200, page.text
    data = page.json()
    assert data["campaign_name"] == "Annual Winter Estate Auction" and data["can_decide"] is True
    assert len(data["subject_lines"]) == 3 and data["preheader"]
    assert data["latest_version"] == 1 and len(data["versions"]) == 1
    assert {"header", "headline", "paragraph-1", "photo-1", "button", "footer"} <= set(data["sections"])
    html = await anon_client.get(data["versions"][0]["html_url"].removeprefix("http://testserver"))
    assert html.status_code == 200 and "text/html" in html.headers["content-type"]
    assert "script-src 'none'" in html.headers["content-security-policy"]
    assert 'class="dm-heading s-headline"' in html.text

    r = await anon_client.post(
        f"/api/v1/review/{token}/decision",
        json={"name": "Ann Owner", "email": "ann@example.com", "decision": "approve"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "approved"
    assert r.json()["decision"]["decided_by"] == "Ann Owner <ann@example.com>"
    detail = (await client.get(f"/api/v1/campaigns/{cid}")).json()
    assert detail["status"] == "approved"
    decision = detail["decisions"][-1]
    assert decision["decided_by"] == "Ann Owner <ann@example.com>" and decision["via_review_link"] is True
    assert (await client.get(f"/api/v1/download/{cid}")).status_code == 200
    # Decided: the page says so, and a second decision is refused.
    assert (await anon_client.get(f"/api/v1/review/{token}")).json()["can_decide"] is False
    again = await anon_client.post(
        f"/api/v1/review/{token}/decision", json={"name": "Ann", "email": "ann@example.com", "decision": "approve"}
    )
    assert again.status_code == 409


async def test_the_token_is_stored_only_as_a_hash(app: object, uploads: UploadBuilder, client: httpx.AsyncClient):
    cid = (await uploads.ready_for_review())["id"]
    link = await _link(client, cid)
    token = token_of(str(link["url"]))
    async with app.state.services.sessionmaker() as session:  # type: ignore[attr-defined]
        row = (await session.exec(select(ReviewLink).where(ReviewLink.campaign_id == uuid.UUID(cid)))).one()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest() and token not in row.token_hash
    listed = (await client.get(f"/api/v1/campaigns/{cid}/review-links")).json()
    assert [item["id"] for item in listed] == [link["id"]] and "url" not in listed[0]


async def test_a_revoked_link_is_refused(
    uploads: UploadBuilder, client: httpx.AsyncClient, anon_client: httpx.AsyncClient
):
    cid = (await uploads.ready_for_review())["id"]
    link = await _link(client, cid)
    token = token_of(str(link["url"]))
    assert (await client.delete(f"/api/v1/campaigns/{cid}/review-links/{link['id']}")).status_code == 204
    for r in (
        await anon_client.get(f"/api/v1/review/{token}"),
        await anon_client.get(f"/api/v1/review/{token}/preview"),
        await anon_client.post(
            f"/api/v1/review/{token}/decision", json={"name": "A", "email": "a@example.com", "decision": "approve"}
        ),
        await anon_client.post(
            f"/api/v1/review/{token}/comments", json={"name": "A", "email": "a@example.com", "body": "x"}
        ),
    ):
        assert r.status_code == 410 and r.json()["code"] == "review_link_gone"
        assert "switched off" in r.json()["detail"]
    assert (await client.get(f"/api/v1/campaigns/{cid}")).json()["status"] == "proof_ready"
    listed = (await client.get(f"/api/v1/campaigns/{cid}/review-links")).json()
    assert listed[0]["active"] is False and listed[0]["revoked_at"]


async def test_expired_and_unknown_links(
    app: object, uploads: UploadBuilder, client: httpx.AsyncClient, anon_client: httpx.AsyncClient
):
    cid = (await uploads.ready_for_review())["id"]
    link = await _link(client, cid, expires_in_days=1)
    async with app.state.services.sessionmaker() as session:  # type: ignore[attr-defined]
        row = (await session.exec(select(ReviewLink).where(ReviewLink.campaign_id == uuid.UUID(cid)))).one()
        row.expires_at = utcnow() - timedelta(seconds=1)
        session.add(row)
        await session.commit()
    r = await anon_client.get(f"/api/v1/review/{token_of(str(link['url']))}")
    assert r.status_code == 410 and "expired" in r.json()["detail"]
    r = await anon_client.get("/api/v1/review/not-a-real-token-at-all")
    assert r.status_code == 404 and r.json()["code"] == "review_link_not_found"
    for days in (0, 31):
        bad = await client.post(f"/api/v1/campaigns/{cid}/review-links", json={"expires_in_days": days})
        assert bad.status_code == 422


async def test_a_link_for_campaign_a_reads_nothing_of_campaign_b(
    uploads: UploadBuilder, client: httpx.AsyncClient, anon_client: httpx.AsyncClient
):
    a = (await uploads.ready_for_review(campaign_name="Campaign A sale"))["id"]
    b = (await uploads.ready_for_review(campaign_name="Campaign B sale"))["id"]
    await client.post(f"/api/v1/generate/{b}")  # B has a version 2, A has not
    await client.post(f"/api/v1/campaigns/{b}/comments", json={"body": "B's private note"})
    token = token_of(str((await _link(client, a))["url"]))
    page = await anon_client.get(f"/api/v1/review/{token}")
    assert "Campaign B" not in page.text and b not in page.text and "private note" not in page.text
    assert (await anon_client.get(f"/api/v1/review/{token}/preview", params={"version": 2})).status_code == 404
    html = (await anon_client.get(f"/api/v1/review/{token}/preview")).text
    assert "Campaign A sale" in html and b not in html
    r = await anon_client.post(
        f"/api/v1/review/{token}/comments", json={"name": "Rev", "email": "rev@example.com", "body": "Looks right"}
    )
    assert r.status_code == 201
    b_detail = (await client.get(f"/api/v1/campaigns/{b}")).json()
    assert [c["body"] for c in b_detail["comments"]] == ["B's private note"]
    # The link opens no account endpoint either.
    r = await anon_client.get(f"/api/v1/campaigns/{a}", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 401


async def test_pinned_comments_reach_the_writer_on_request_changes(
    uploads: UploadBuilder, client: httpx.AsyncClient, anon_client: httpx.AsyncClient
):
    cid = (await uploads.ready_for_review())["id"]
    token = token_of(str((await _link(client, cid))["url"]))
    r = await anon_client.post(
        f"/api/v1/review/{token}/comments",
        json={
            "name": "Ann Owner",
            "email": "ann@example.com",
            "body": "Say it is a two-day sale",
            "section": "headline",
        },
    )
    assert r.status_code == 201, r.text
    assert r.json()["section"] == "headline" and r.json()["author_email"] == "ann@example.com"
    mine = await client.post(
        f"/api/v1/campaigns/{cid}/comments", json={"body": "Use the barn photo", "section": "photo-1"}
    )
    assert mine.status_code == 201 and mine.json()["author_name"] == "Smith & Sons Auctioneers"
    bad = await client.post(f"/api/v1/campaigns/{cid}/comments", json={"body": "x", "section": "<script>"})
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_section"

    r = await anon_client.post(
        f"/api/v1/review/{token}/decision",
        json={"name": "Ann Owner", "email": "ann@example.com", "decision": "request_changes", "comment": "Two fixes"},
    )
    assert r.status_code == 200 and r.json()["status"] == "changes_requested"
    processed = await client.post(f"/api/v1/process/{cid}")
    assert processed.status_code == 200, processed.text
    feedback = processed.json()["copy"]["feedback"]
    assert feedback.splitlines() == [
        "Two fixes",
        "On the headline: Say it is a two-day sale",
        "On photo 1: Use the barn photo",
    ]
    page = (await anon_client.get(f"/api/v1/review/{token}")).json()
    assert [(c["section"], c["via_review_link"]) for c in page["comments"]] == [("headline", True), ("photo-1", False)]
    assert page["comments"][1]["author_email"] is None  # an account's address is not shown to reviewers


async def test_reviewer_must_give_a_name_and_an_address(
    uploads: UploadBuilder, client: httpx.AsyncClient, anon_client: httpx.AsyncClient
):
    cid = (await uploads.ready_for_review())["id"]
    token = token_of(str((await _link(client, cid))["url"]))
    r = await anon_client.post(
        f"/api/v1/review/{token}/decision", json={"name": "Ann", "email": "not-an-address", "decision": "approve"}
    )
    assert r.status_code == 422 and r.json()["code"] == "invalid_email"
    r = await anon_client.post(
        f"/api/v1/review/{token}/decision", json={"name": " ", "email": "a@example.com", "decision": "approve"}
    )
    assert r.status_code == 422 and "Your name" in r.json()["detail"]
    r = await anon_client.post(
        f"/api/v1/review/{token}/decision",
        json={"name": "Ann", "email": "a@example.com", "decision": "request_changes"},
    )
    assert r.status_code == 422 and r.json()["code"] == "comment_required"


@pytest.fixture
def tight_review_limit(app: object) -> Iterator[None]:
    live = app.state.services.settings  # type: ignore[attr-defined]
    saved = live.rate_limit_review
    live.rate_limit_review = "3/minute"
    yield
    live.rate_limit_review = saved


async def test_review_links_are_rate_limited_like_sign_in(
    uploads: UploadBuilder, client: httpx.AsyncClient, tight_review_limit: None
):
    cid = (await uploads.ready_for_review())["id"]
    token = token_of(str((await _link(client, cid))["url"]))
    transport = httpx.ASGITransport(app=client._transport.app, client=("198.51.100.7", 1234))  # type: ignore[attr-defined]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as guesser:
        codes = [(await guesser.get(f"/api/v1/review/guess-{i}")).status_code for i in range(4)]
        assert codes == [404, 404, 404, 429]
        r = await guesser.get(f"/api/v1/review/{token}")  # even the right token, from that address, waits
        assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
