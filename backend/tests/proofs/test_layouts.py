"""Every layout with one, two and three photos and a light and a dark logo: an email that holds up."""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from app.proofs.palette import AA_TEXT, contrast_ratio
from tests.support.factories import UploadBuilder, jpeg, png

LOGOS = {
    "light": png(480, 160, color=(250, 250, 250)),  # a white mark on transparency
    "dark": png(480, 160, color=(20, 60, 120)),  # a navy mark on transparency
}
CTA = "https://www.hibid.com/catalog/123456?lot=7"


class EmailParts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.images: list[dict[str, str | None]] = []
        self.links: list[str] = []
        self.order: list[str] = []  # "img" / "h1" in document order

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "img":
            self.images.append(a)
            self.order.append("img")
        if tag == "h1":
            self.order.append("h1")
        if tag == "a":
            self.links.append(a.get("href") or "")


def cta_colours(html: str) -> tuple[str, str]:
    """The button's background and label colours as the email declares them."""
    block = html[html.index('class="dm-cta"') :]
    background = re.search(r'bgcolor="(#[0-9a-f]{6})"', block)
    label = re.search(r"<a [^>]*color:(#[0-9a-f]{6})", block)
    assert background and label
    return background.group(1), label.group(1)


@pytest.mark.parametrize("logo", ["light", "dark"])
@pytest.mark.parametrize("heroes", [1, 2, 3])
@pytest.mark.parametrize("layout", ["single", "gallery"])
async def test_layout_holds_up(uploads: UploadBuilder, client: httpx.AsyncClient, layout, heroes, logo):
    photos = [(f"h{i}.jpg", jpeg(900, 600), "image/jpeg") for i in range(heroes)]
    campaign = await uploads.create(logo=("logo.png", LOGOS[logo], "image/png"), heroes=photos, cta_url=CTA)
    cid = campaign["id"]
    assert (await client.post(f"/api/v1/process/{cid}")).status_code == 200
    r = await client.post(f"/api/v1/generate/{cid}", params={"layout": layout})
    assert r.status_code == 201, r.text
    proof = r.json()
    html = (await client.get(f"/api/v1/preview/{cid}", params={"format": "html", "version": proof["version"]})).text

    assert len(html.encode()) < 102 * 1024
    assert proof["size_bytes"] == len(html.encode())
    parts = EmailParts()
    parts.feed(html)
    assert parts.lang == "en"
    assert len(parts.images) == heroes + 1  # the logo and every photo
    assert all((img.get("alt") or "").strip() for img in parts.images)
    # A logo with transparency is shown on its baked-in plate (readable in every client's dark mode).
    plate = "-plate-1f2937.png" if logo == "light" else "-plate-ffffff.png"
    assert (parts.images[0]["src"] or "").endswith(plate)
    assert (await client.get((parts.images[0]["src"] or "").replace("http://testserver", ""))).status_code == 200
    # single: photos above the headline; gallery: headline first, then the photos.
    first_image_after_logo = parts.order.index("img", 1)
    assert (first_image_after_logo < parts.order.index("h1")) == (layout == "single")

    button, label = cta_colours(html)
    assert contrast_ratio(button, label) >= AA_TEXT

    tagged = [link for link in parts.links if link.startswith("https://www.hibid.com/")]
    assert len(tagged) == heroes + 2  # both buttons, and every photo links to the sale
    for link in tagged:
        url = urlsplit(link)
        assert f"{url.scheme}://{url.netloc}{url.path}" == "https://www.hibid.com/catalog/123456"
        assert parse_qs(url.query) == {
            "lot": ["7"],
            "utm_source": ["hibid"],
            "utm_medium": ["email"],
            "utm_campaign": ["annual-winter-estate-auction"],
        }
    assert "{{unsubscribe_url}}" in parts.links

    text = proof["text"]
    campaign_now = (await client.get(f"/api/v1/campaigns/{cid}")).json()
    assert campaign_now["latest_copy"]["headline"] in text
    assert tagged[0] in text
    assert not re.search(r"<[a-zA-Z/!]|&[a-z]+;|&#\d+;", text)
    # The test server is http://testserver: its one error is that recipients could not load the images.
    assert {w["code"] for w in proof["warnings"] if w["severity"] == "error"} == {"images_not_public"}


async def test_layout_follows_the_number_of_photos_unless_asked(uploads: UploadBuilder, client: httpx.AsyncClient):
    photos = [(f"h{i}.jpg", jpeg(900, 600), "image/jpeg") for i in range(2)]
    campaign = await uploads.create(heroes=photos)
    cid = campaign["id"]
    await client.post(f"/api/v1/process/{cid}")

    async def headline_first(**kwargs) -> bool:
        proof = (await client.post(f"/api/v1/generate/{cid}", **kwargs)).json()
        html = (await client.get(f"/api/v1/preview/{cid}", params={"format": "html", "version": proof["version"]})).text
        parts = EmailParts()
        parts.feed(html)
        return parts.order.index("h1") < parts.order.index("img", 1)

    assert await headline_first()  # two photos: gallery
    assert not await headline_first(json={"layout": "single"})
    assert await headline_first(params={"layout": "gallery"})
    bad = await client.post(f"/api/v1/generate/{cid}", params={"layout": "poster"})
    assert bad.status_code == 422 and bad.json()["code"] == "validation_error"


async def test_utm_tags_can_be_switched_off(uploads: UploadBuilder, client: httpx.AsyncClient, settings):
    campaign = await uploads.create(cta_url=CTA)
    await client.post(f"/api/v1/process/{campaign['id']}")
    settings.utm_enabled = False
    try:
        proof = (await client.post(f"/api/v1/generate/{campaign['id']}")).json()
    finally:
        settings.utm_enabled = True
    assert f"{CTA}\n" in proof["text"] and "utm_" not in proof["text"]


async def test_images_not_public_is_an_error_on_every_proof_until_backend_url_is_public_https(
    uploads: UploadBuilder, client: httpx.AsyncClient, settings
):
    from pydantic import AnyHttpUrl

    campaign = await uploads.create()
    await client.post(f"/api/v1/process/{campaign['id']}")
    proof = (await client.post(f"/api/v1/generate/{campaign['id']}")).json()
    found = [w for w in proof["warnings"] if w["code"] == "images_not_public"]
    assert found and found[0]["severity"] == "error" and "http://testserver" in found[0]["message"]
    for private in ("https://localhost:8000", "https://10.0.0.5", "http://email.example.com"):
        from app.core.public_origin import why_not_public

        assert why_not_public(private)
    original = settings.backend_url
    settings.backend_url = AnyHttpUrl("https://email.example.com")
    try:
        proof = (await client.post(f"/api/v1/generate/{campaign['id']}")).json()
    finally:
        settings.backend_url = original
    assert "images_not_public" not in {w["code"] for w in proof["warnings"]}


def test_production_refuses_a_backend_url_recipients_cannot_load_images_from():
    from pydantic import ValidationError

    from app.core.config import Settings

    safe = {
        "environment": "production",
        "secret_key": "9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928",
        "allowed_origins": ["https://email.example.com"],
    }
    for url in ("http://localhost:8000", "https://127.0.0.1:8443", "http://email.example.com"):
        with pytest.raises(ValidationError, match="BACKEND_URL must be the public https"):
            Settings(_env_file=None, backend_url=url, **safe)  # type: ignore[call-arg]
    allowed = Settings(_env_file=None, backend_url="https://127.0.0.1:8443", allow_private_backend_url=True, **safe)  # type: ignore[call-arg]
    assert allowed.public_base_url == "https://127.0.0.1:8443"
