"""POST /campaigns/{id}/test-send: a proof through a real SMTP server on loopback, parsed as it arrived."""

import base64
import io
import json
import re
import time
import zipfile
from typing import Any

import dkim
import httpx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlmodel import select

from app.delivery import models
from tests.support.smtp_servers import REFUSED_DOMAIN, HangingServer, Inbox, free_port


async def _details(client: httpx.AsyncClient, campaign_id: str) -> dict[str, Any]:
    r = await client.get(f"/api/v1/download/{campaign_id}")
    return json.loads(zipfile.ZipFile(io.BytesIO(r.content)).read("details.json"))


async def _sends(app: Any, campaign_id: str) -> list[models.TestSend]:
    async with app.state.services.sessionmaker() as session:
        rows = await session.exec(select(models.TestSend))
        return [s for s in rows.all() if str(s.campaign_id) == campaign_id]


def _visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


async def test_the_test_email_arrives_with_both_parts_inline_images_and_unsubscribe_headers(
    app: Any, client: httpx.AsyncClient, approved: dict[str, Any], delivery_settings: Any, inbox: Inbox
):
    cid = approved["id"]
    details = await _details(client, cid)
    r = await client.post(f"/api/v1/campaigns/{cid}/test-send", json={"to": ["Me@Example.com", "boss@example.com"]})
    assert r.status_code == 200, r.text
    assert r.json()["accepted"] == ["Me@example.com", "boss@example.com"]

    [arrived] = inbox.arrived
    assert sorted(arrived.recipients) == ["Me@example.com", "boss@example.com"]
    msg = arrived.message
    assert msg["Subject"] == f"[Test] {details['primary_subject']}"
    assert msg.get_content_type() == "multipart/alternative"
    plain = msg.get_body(("plain",))
    html_part = msg.get_body(("html",))
    assert plain is not None and html_part is not None
    html = html_part.get_content()
    assert details["preheader"] in _visible_text(html)
    assert "Annual Winter Estate Auction" in plain.get_content()
    # Every image the HTML shows is a part of the message (CID), none is left pointing at the server.
    cids = set(re.findall(r'src="cid:([^"]+)"', html))
    assert cids and "http://testserver/media" not in html
    parts = {p["Content-ID"].strip("<>"): p for p in msg.walk() if p["Content-ID"]}
    assert cids <= set(parts)
    assert all(parts[c].get_content_maintype() == "image" and parts[c].get_content() for c in cids)
    # Unsubscribe: both headers, and no placeholder left for the recipient to click.
    assert "<https://email.hibid.test/unsubscribe>" in msg["List-Unsubscribe"]
    assert "<mailto:proofs@hibid.test?subject=unsubscribe>" in msg["List-Unsubscribe"]
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "{{unsubscribe_url}}" not in html and "{{unsubscribe_url}}" not in plain.get_content()
    assert msg["Message-ID"] == r.json()["message_id"] and msg["Date"]
    [recorded] = await _sends(app, cid)
    assert recorded.recipients == ["Me@example.com", "boss@example.com"] and recorded.proof_version == 1


async def test_hosted_images_stay_links_to_the_server(
    client: httpx.AsyncClient, approved: dict[str, Any], delivery_settings: Any, inbox: Inbox
):
    r = await client.post(
        f"/api/v1/campaigns/{approved['id']}/test-send", json={"to": ["me@example.com"], "images": "hosted"}
    )
    assert r.status_code == 200, r.text
    msg = inbox.arrived[0].message
    html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "cid:" not in html
    assert re.search(r'src="http://testserver/media/campaigns/[^"]+"', html)
    assert not [p for p in msg.walk() if p.get_content_maintype() == "image"]


async def test_the_message_is_dkim_signed_and_verifies_when_a_key_is_set(
    client: httpx.AsyncClient, approved: dict[str, Any], delivery_settings: Any, inbox: Inbox
):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    public = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    delivery_settings(dkim_private_key=pem.decode(), dkim_selector="proofs", dkim_domain="hibid.test")
    r = await client.post(f"/api/v1/campaigns/{approved['id']}/test-send", json={"to": ["me@example.com"]})
    assert r.status_code == 200, r.text
    raw = inbox.arrived[0].raw
    assert raw.startswith(b"DKIM-Signature:")
    record = b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)
    looked_up: list[bytes] = []

    def dns(name: bytes, timeout: int = 5) -> bytes:
        looked_up.append(name)
        return record

    assert dkim.verify(raw, dnsfunc=dns)
    assert looked_up == [b"proofs._domainkey.hibid.test."]
    tampered = raw.replace(b"[Test]", b"[Tost]", 1)
    assert not dkim.verify(tampered, dnsfunc=dns)


async def test_without_a_key_nothing_is_signed(
    client: httpx.AsyncClient, approved: dict[str, Any], delivery_settings: Any, inbox: Inbox
):
    r = await client.post(f"/api/v1/campaigns/{approved['id']}/test-send", json={"to": ["me@example.com"]})
    assert r.status_code == 200
    assert b"DKIM-Signature" not in inbox.arrived[0].raw


async def test_a_server_that_refuses_the_connection_is_502_and_nothing_is_recorded(
    app: Any, client: httpx.AsyncClient, approved: dict[str, Any], delivery_settings: Any
):
    delivery_settings(smtp_port=free_port())
    started = time.monotonic()
    r = await client.post(f"/api/v1/campaigns/{approved['id']}/test-send", json={"to": ["me@example.com"]})
    assert r.status_code == 502
    assert r.json()["code"] == "smtp_failed" and "nothing was sent" in r.json()["detail"]
    assert time.monotonic() - started < 15
    assert await _sends(app, approved["id"]) == []


async def test_a_server_that_refuses_every_address_is_502_and_nothing_is_recorded(
    app: Any, client: httpx.AsyncClient, approved: dict[str, Any], delivery_settings: Any, inbox: Inbox
):
    r = await client.post(
        f"/api/v1/campaigns/{approved['id']}/test-send", json={"to": [f"a@{REFUSED_DOMAIN}", f"b@{REFUSED_DOMAIN}"]}
    )
    assert r.status_code == 502
    assert "refused every address" in r.json()["detail"]
    assert inbox.arrived == [] and await _sends(app, approved["id"]) == []


async def test_only_the_addresses_the_server_accepted_are_recorded(
    app: Any, client: httpx.AsyncClient, approved: dict[str, Any], delivery_settings: Any, inbox: Inbox
):
    r = await client.post(
        f"/api/v1/campaigns/{approved['id']}/test-send", json={"to": ["ok@example.com", f"gone@{REFUSED_DOMAIN}"]}
    )
    assert r.status_code == 200
    assert r.json()["accepted"] == ["ok@example.com"] and r.json()["refused"] == [f"gone@{REFUSED_DOMAIN}"]
    [recorded] = await _sends(app, approved["id"])
    assert recorded.recipients == ["ok@example.com"]


async def test_a_server_that_hangs_is_502_within_the_limit_and_nothing_is_recorded(
    app: Any, client: httpx.AsyncClient, approved: dict[str, Any], delivery_settings: Any
):
    async with HangingServer() as hanging:
        delivery_settings(smtp_port=hanging.port, smtp_timeout_s=2.0)
        started = time.monotonic()
        r = await client.post(f"/api/v1/campaigns/{approved['id']}/test-send", json={"to": ["me@example.com"]})
        elapsed = time.monotonic() - started
    assert r.status_code == 502
    assert "did not answer within 2 seconds" in r.json()["detail"]
    assert 1.5 < elapsed < 15
    assert await _sends(app, approved["id"]) == []


async def test_without_smtp_the_call_is_503_and_status_says_so(
    client: httpx.AsyncClient, approved: dict[str, Any], delivery_settings: Any
):
    delivery_settings(smtp_host=None)
    r = await client.post(f"/api/v1/campaigns/{approved['id']}/test-send", json={"to": ["me@example.com"]})
    assert r.status_code == 503 and r.json()["code"] == "smtp_not_configured"
    status = (await client.get("/api/v1/delivery/status")).json()
    assert status["test_send_available"] is False
    delivery_settings()
    assert (await client.get("/api/v1/delivery/status")).json()["test_send_available"] is True


async def test_addresses_are_validated_and_at_most_five(
    client: httpx.AsyncClient, approved: dict[str, Any], delivery_settings: Any, inbox: Inbox
):
    url = f"/api/v1/campaigns/{approved['id']}/test-send"
    r = await client.post(url, json={"to": ["not-an-address"]})
    assert r.status_code == 422 and r.json()["code"] == "invalid_address"
    r = await client.post(url, json={"to": ["me@example.com\r\nBcc: victim@example.com"]})
    assert r.status_code == 422
    r = await client.post(url, json={"to": [f"p{i}@example.com" for i in range(6)]})
    assert r.status_code == 422
    assert (await client.post(url, json={"to": []})).status_code == 422
    assert inbox.arrived == []


async def test_the_daily_limit_stops_further_sends_with_retry_after(
    client: httpx.AsyncClient, approved: dict[str, Any], delivery_settings: Any, inbox: Inbox
):
    status = (await client.get("/api/v1/delivery/status")).json()
    used = status["test_send_daily_limit"] - status["test_sends_left_today"]
    delivery_settings(test_send_daily_limit=used + 2)
    url = f"/api/v1/campaigns/{approved['id']}/test-send"
    assert (await client.post(url, json={"to": ["a@example.com", "b@example.com"]})).status_code == 200
    r = await client.post(url, json={"to": ["c@example.com"]})
    assert r.status_code == 429 and r.json()["code"] == "test_send_limit"
    assert int(r.headers["Retry-After"]) > 0
    assert len(inbox.arrived) == 1


async def test_a_chosen_proof_version_and_another_users_campaign(
    client: httpx.AsyncClient, other_client: httpx.AsyncClient, uploads: Any, delivery_settings: Any, inbox: Inbox
):
    campaign = await uploads.ready_for_review()  # not approved yet: a test send is how one checks before approving
    url = f"/api/v1/campaigns/{campaign['id']}/test-send"
    r = await client.post(url, json={"to": ["me@example.com"], "version": 1})
    assert r.status_code == 200 and r.json()["proof_version"] == 1
    assert (await client.post(url, json={"to": ["me@example.com"], "version": 9})).status_code == 404
    assert (await other_client.post(url, json={"to": ["me@example.com"]})).status_code == 404
    assert len(inbox.arrived) == 1
