"""Text is data: names and texts with quotes, SQL words, angle brackets and emoji are accepted as written
and shown escaped everywhere; invisible characters that could hide or reorder text are refused or removed
with a clear message."""

import io
import zipfile
from html.parser import HTMLParser

import httpx
import pytest

from app.core.config import Settings
from tests.support.factories import UploadBuilder
from tests.support.media import media_files

# Real auction text that a blacklist used to refuse, and markup that must show as text, never run.
NAMES = [
    "x' OR '1'='1 Estate",
    "Robert'); DROP TABLE campaign;-- Sale",
    "Union Select Antiques",
    "Tools <see list> & More",
]
TEXT = (
    "Union Select Antiques presents 200 lots on Saturday, May 2 at 10 AM. Tools <see list>. "
    "Lots < $100 start at $5. Quote: \"Best in show\" & 'rare'. <b>Bold</b> claims aside, "
    '<script>alert(1)</script><img src=x onerror=alert(2)> " onmouseover="alert(3) '
    "Robert'); DROP TABLE campaign;-- 🚜🎉 Bid online."
)


class _Audit(HTMLParser):
    """Collects the page's visible text and anything that could run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.active: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed"):
            self.active.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.active.append(f"{tag}[{name}]")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _audit(html: str) -> _Audit:
    audit = _Audit()
    audit.feed(html)
    return audit


@pytest.mark.parametrize("name", NAMES)
async def test_names_that_look_like_sql_or_markup_are_accepted_and_kept_as_written(
    uploads: UploadBuilder, client: httpx.AsyncClient, name: str
):
    campaign = await uploads.ready_for_review(campaign_name=name, advertiser_name=name, text_content=TEXT)
    detail = (await client.get(f"/api/v1/campaigns/{campaign['id']}")).json()
    assert detail["campaign_name"] == name
    assert detail["advertiser_name"] == name
    assert detail["text_content"] == TEXT
    assert (await client.get("/api/v1/campaigns")).status_code == 200  # the table is still there


async def test_markup_in_the_text_is_shown_as_text_everywhere(uploads: UploadBuilder, client: httpx.AsyncClient):
    name = "Tools <see list> & More"
    campaign = await uploads.ready_for_review(campaign_name=name, advertiser_name=name, text_content=TEXT)
    cid = campaign["id"]

    html = (await client.get(f"/api/v1/preview/{cid}", params={"format": "html"})).text
    audit = _audit(html)
    assert audit.active == []
    visible = " ".join(audit.text)
    assert "Tools <see list> & More" in visible  # shown as the advertiser wrote it, not parsed as a tag
    assert "<see list>" not in html  # ...because it is escaped in the source

    preview = (await client.get(f"/api/v1/preview/{cid}")).json()
    assert "Tools <see list> & More" in preview["plain_text"]  # plain text is literal, not entity-encoded
    assert "&lt;" not in preview["plain_text"] and "&amp;" not in preview["plain_text"]
    assert all("&lt;" not in s and "&amp;" not in s for s in preview["subject_lines"])

    assert (await client.post(f"/api/v1/approve/{cid}", json={"decision": "approve"})).status_code == 200
    download = await client.get(f"/api/v1/download/{cid}")
    assert download.status_code == 200
    disposition = download.headers["content-disposition"]
    filename = disposition.split("filename=", 1)[1].strip('"')
    assert all(ch.isalnum() or ch in "-_." for ch in filename), disposition
    with zipfile.ZipFile(io.BytesIO(download.content)) as package:
        for entry in package.namelist():
            assert all(ch.isalnum() or ch in "-_./" for ch in entry), entry
            assert ".." not in entry and not entry.startswith("/")
        for member in ("email.html", "email-hosted.html"):
            assert _audit(package.read(member).decode()).active == []


@pytest.mark.parametrize(
    ("value", "phrase"),
    [
        ("Estate\x00Sale", "control character"),
        ("Estate \u202eelaS", "direction"),
        ("Estate \u2066Sale\u2069", "direction"),
    ],
)
@pytest.mark.parametrize("field", ["campaign_name", "advertiser_name", "text_content"])
async def test_control_and_direction_characters_are_refused_and_nothing_stored(
    uploads: UploadBuilder, settings: Settings, field: str, value: str, phrase: str
):
    before = media_files(settings)
    r = await uploads.post(**{field: value})
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["code"] == "invalid_characters"
    assert field in body["detail"] and phrase in body["detail"]
    assert media_files(settings) == before


@pytest.mark.parametrize("invisible", ["\u200b", "\u202e", "\u200b\u2060\ufeff", " \u00ad "])
async def test_a_name_of_only_invisible_characters_is_no_name(uploads: UploadBuilder, invisible: str):
    r = await uploads.post(campaign_name=invisible)
    assert r.status_code == 422, r.text
    assert "campaign_name" in r.json()["detail"]


async def test_zero_width_characters_are_removed_and_emoji_sequences_kept(
    uploads: UploadBuilder, client: httpx.AsyncClient
):
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one emoji built with zero-width joiners
    campaign = await uploads.create(campaign_name="Spring\u200b Sale\ufeff", text_content=f"Fun for the {family}!")
    detail = (await client.get(f"/api/v1/campaigns/{campaign['id']}")).json()
    assert detail["campaign_name"] == "Spring Sale"
    assert detail["text_content"] == f"Fun for the {family}!"
