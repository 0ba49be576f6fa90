"""GET /download/{id}?format=eml and ?esp=: one e-mail message, and the ZIP with one service's merge tags."""

import io
import re
import zipfile
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from typing import Any

import httpx
import pytest

UNSUBSCRIBE = "{{unsubscribe_url}}"
VIEW = "{{view_in_browser_url}}"
TAGS = {
    "mailchimp": ("*|UNSUB|*", "*|ARCHIVE|*"),
    "sendgrid": ("{{{unsubscribe}}}", "{{Weblink}}"),
    "klaviyo": ("{% unsubscribe_link %}", "{% web_view_link %}"),
    "constant_contact": ("[[unsubscribeLink]]", "[[viewAsWebpage]]"),
}


def _zip(response: httpx.Response) -> zipfile.ZipFile:
    assert response.status_code == 200, response.text
    return zipfile.ZipFile(io.BytesIO(response.content))


def _without_cids(html: str) -> str:
    return re.sub(r"cid:([A-Za-z0-9._-]+)@hibid-email", r"images/\1", _lines(html))


def _lines(text: str) -> str:
    """MIME text travels with CRLF line ends (RFC 2045 canonical form); compare the lines themselves."""
    return text.replace("\r\n", "\n").rstrip("\n")


async def test_the_zip_explains_the_generic_placeholder(client: httpx.AsyncClient, approved: dict[str, Any]):
    zf = _zip(await client.get(f"/api/v1/download/{approved['id']}"))
    how_to = zf.read("HOW-TO-SEND.txt").decode()
    assert UNSUBSCRIBE in how_to and "*|UNSUB|*" in how_to
    assert UNSUBSCRIBE in zf.read("email.html").decode()
    assert zf.read("HOW-TO-SEND.txt") == _zip(await client.get(f"/api/v1/download/{approved['id']}?esp=generic")).read(
        "HOW-TO-SEND.txt"
    )


@pytest.mark.parametrize("target", list(TAGS))
async def test_each_target_gets_its_own_tags_in_html_and_text(
    client: httpx.AsyncClient, approved: dict[str, Any], target: str
):
    generic = _zip(await client.get(f"/api/v1/download/{approved['id']}"))
    r = await client.get(f"/api/v1/download/{approved['id']}?esp={target}")
    zf = _zip(r)
    assert r.headers["content-disposition"].endswith(f'-v1-{target.replace("_", "-")}.zip"')
    unsubscribe, view = TAGS[target]
    for name in ("email.html", "email-hosted.html", "email.txt"):
        body = zf.read(name).decode()
        assert unsubscribe in body, name
        assert UNSUBSCRIBE not in body and VIEW not in body, name
    assert unsubscribe in zf.read("HOW-TO-SEND.txt").decode()
    # Everything else is the package as approved, with the same file modes.
    assert set(zf.namelist()) == set(generic.namelist())
    for info in generic.infolist():
        if info.filename.startswith("images/"):
            assert zf.read(info.filename) == generic.read(info.filename)
        assert zf.getinfo(info.filename).external_attr == info.external_attr
    if target == "constant_contact":
        assert re.search(r"<body[^>]*>\[\[trackingImage\]\]", zf.read("email-hosted.html").decode())


async def test_an_unknown_target_is_refused(client: httpx.AsyncClient, approved: dict[str, Any]):
    r = await client.get(f"/api/v1/download/{approved['id']}?esp=hubspot")
    assert r.status_code == 422


async def test_the_eml_is_one_message_whose_html_is_the_downloads_email_html(
    client: httpx.AsyncClient, approved: dict[str, Any]
):
    zf = _zip(await client.get(f"/api/v1/download/{approved['id']}"))
    r = await client.get(f"/api/v1/download/{approved['id']}?format=eml")
    assert r.status_code == 200
    assert r.headers["content-type"] == "message/rfc822"
    assert r.headers["content-disposition"].endswith('-v1.eml"')
    msg = message_from_bytes(r.content, policy=default)
    assert isinstance(msg, EmailMessage)
    assert msg.get_content_type() == "multipart/alternative"
    assert msg["Subject"] and not msg["Subject"].startswith("[Test]")
    assert msg["Message-ID"] and msg["Date"] and msg["From"]
    html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    plain = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert _without_cids(html) == _lines(zf.read("email.html").decode())
    assert _lines(plain) == _lines(zf.read("email.txt").decode())
    # Every local image became an inline part, byte for byte.
    parts = {p["Content-ID"].strip("<>"): p.get_content() for p in msg.walk() if p["Content-ID"]}
    for name in re.findall(r'src="images/([^"]+)"', zf.read("email.html").decode()):
        assert parts[f"{name}@hibid-email"] == zf.read(f"images/{name}")


async def test_the_eml_for_a_target_carries_its_tags(client: httpx.AsyncClient, approved: dict[str, Any]):
    zf = _zip(await client.get(f"/api/v1/download/{approved['id']}?esp=mailchimp"))
    r = await client.get(f"/api/v1/download/{approved['id']}?format=eml&esp=mailchimp")
    msg = message_from_bytes(r.content, policy=default)
    html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "*|UNSUB|*" in html and UNSUBSCRIBE not in html
    assert _without_cids(html) == _lines(zf.read("email.html").decode())
    assert r.headers["content-disposition"].endswith('-v1-mailchimp.eml"')


async def test_the_eml_before_approval_is_409(client: httpx.AsyncClient, uploads: Any):
    draft = await uploads.ready_for_review()
    assert (await client.get(f"/api/v1/download/{draft['id']}?format=eml")).status_code == 409
