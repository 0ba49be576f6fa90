"""A corpus of hostile uploads: each gets a 4xx with a sentence that says what is wrong, never a 5xx,
and leaves nothing stored (no campaign row, no file in media, no temporary file held open)."""

import io
import os
import struct
import tempfile
import zlib
from collections.abc import AsyncIterator
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from PIL import Image

from app.core.config import Settings
from tests.support.factories import UploadBuilder, jpeg, png
from tests.support.media import media_files

MB = 1024 * 1024
ACCEPTED = "JPEG, PNG, GIF or WebP"


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny, valid-looking PNG whose header claims width × height pixels (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def _gif_claiming(width: int, height: int) -> bytes:
    buf = io.BytesIO()
    Image.new("P", (8, 8)).save(buf, "GIF")
    data = bytearray(buf.getvalue())
    data[6:10] = struct.pack("<HH", width, height)  # logical screen size
    return bytes(data)


def _jpeg_claiming(width: int, height: int) -> bytes:
    data = bytearray(jpeg(64, 48))
    sof = data.find(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


SVG_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>'
HTML_PAGE = b"<!doctype html><html><body><script>fetch('/api/v1/campaigns')</script></body></html>"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 200
ZIP = b"PK\x03\x04" + b"\x00" * 100
POLYGLOT = b"GIF89a/*" + b"\x00" * 10 + b"*/=alert(1);"  # a GIF header over JavaScript

# (logo, heroes, status, code, phrase in detail)
CORPUS = {
    "text under a .png name": (
        ("logo.png", b"just some text", "image/png"),
        [],
        415,
        "unsupported_media_type",
        ACCEPTED,
    ),
    "pdf under a .jpg name": (("logo.jpg", PDF, "image/jpeg"), [], 415, "unsupported_media_type", ACCEPTED),
    "html under a .gif name": (("logo.gif", HTML_PAGE, "image/gif"), [], 415, "unsupported_media_type", ACCEPTED),
    "executable under a .webp name": (("logo.webp", ELF, "image/webp"), [], 415, "unsupported_media_type", ACCEPTED),
    "zip as a hero": (None, [("photo.jpg", ZIP, "image/jpeg")], 415, "unsupported_media_type", "hero_images[0]"),
    "svg with script": (("logo.svg", SVG_SCRIPT, "image/svg+xml"), [], 415, "unsupported_media_type", ACCEPTED),
    "svg with script under a .png name": (
        ("logo.png", SVG_SCRIPT, "image/png"),
        [],
        415,
        "unsupported_media_type",
        ACCEPTED,
    ),
    "gif/js polyglot": (("logo.gif", POLYGLOT, "image/gif"), [], 415, "unsupported_media_type", ACCEPTED),
    "truncated jpeg": (None, [("cut.jpg", jpeg(800, 600)[:1500], "image/jpeg")], 422, "corrupt_image", "damaged"),
    "truncated png": (("logo.png", png(400, 200)[:120], "image/png"), [], 422, "corrupt_image", "damaged"),
    "png bomb (header 30000 x 30000)": (
        ("bomb.png", _png_claiming(30000, 30000), "image/png"),
        [],
        413,
        "image_too_large",
        "megapixels",
    ),
    "png bomb just over the limit": (
        ("bomb.png", _png_claiming(8000, 5001), "image/png"),
        [],
        413,
        "image_too_large",
        "megapixels",
    ),
    "gif bomb (screen 65535 x 65535)": (
        ("bomb.gif", _gif_claiming(65535, 65535), "image/gif"),
        [],
        413,
        "image_too_large",
        "megapixels",
    ),
    "jpeg bomb (SOF 60000 x 60000)": (
        None,
        [("bomb.jpg", _jpeg_claiming(60000, 60000), "image/jpeg")],
        413,
        "image_too_large",
        "megapixels",
    ),
    "oversize file": (
        None,
        [("big.jpg", b"\xff\xd8\xff" + b"0" * (5 * MB + 10), "image/jpeg")],
        413,
        "file_too_large",
        "5 MB",
    ),
    "empty logo": (("logo.png", b"\x00", "image/png"), [], 415, "unsupported_media_type", ACCEPTED),
    "four photos": (
        None,
        [(f"h{i}.jpg", jpeg(120, 90), "image/jpeg") for i in range(4)],
        422,
        "too_many_files",
        "At most 3",
    ),
    "a flood of files": (
        None,
        [(f"h{i}.jpg", b"x", "image/jpeg") for i in range(40)],
        400,
        "bad_request",
        "Too many files",
    ),
    "hostile name on a broken file": (
        ("../../etc/passwd\x00.png", b"not an image", "image/png"),
        [],
        415,
        "unsupported_media_type",
        "passwd",
    ),
}


async def _state(client: httpx.AsyncClient, settings: Settings) -> tuple[set[Path], int]:
    return media_files(settings), (await client.get("/api/v1/campaigns")).json()["total"]


@pytest.mark.parametrize("case", list(CORPUS))
async def test_hostile_file_is_refused_with_a_clear_message_and_nothing_stored(
    case: str, uploads: UploadBuilder, client: httpx.AsyncClient, settings: Settings
):
    logo, heroes, status, code, phrase = CORPUS[case]
    before = await _state(client, settings)
    kwargs = {"heroes": heroes}
    if logo is not None:
        kwargs["logo"] = logo
    r = await uploads.post(**kwargs)
    assert r.status_code == status, (case, r.text)
    body = r.json()
    assert body["code"] == code, case
    assert phrase in body["detail"], (case, body["detail"])
    assert "Traceback" not in r.text and "/work/" not in r.text and str(settings.media_root) not in r.text
    assert await _state(client, settings) == before, case


async def test_display_names_are_sanitised_and_never_become_paths(uploads: UploadBuilder, client: httpx.AsyncClient):
    names = ["..\\..\\windows\\win.ini.png", "a\x00b\x1b[31mc\r\n.png", "<img src=x onerror=alert(1)>.png", "   "]
    for name in names:
        body = await uploads.create(logo=(name, b"", "image/png"), heroes=[])
        logo = body["assets"][0]
        shown = logo["filename"]
        assert not any(ch in shown for ch in "/\\<>\x00\x1b\r\n"), shown
        assert ".." not in logo["url"] and "win.ini" not in logo["url"] and "onerror" not in logo["url"]
        assert (await client.get(logo["url"].replace("http://testserver", ""))).status_code == 200


class _ActiveContent(HTMLParser):
    """Collects what a browser would execute: script elements, on* handlers, javascript: links."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.found.append("<script>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}={value}")


def _active_content(html: str) -> list[str]:
    parser = _ActiveContent()
    parser.feed(html)
    return parser.found


async def test_quotes_and_ampersands_are_stored_as_plain_text(uploads: UploadBuilder, client: httpx.AsyncClient):
    """Real names hold quotes and ampersands: kept literally, escaped wherever shown."""
    name = 'O\'Brien & Sons "Estate" Sale; 50% off -- today'
    campaign = await uploads.ready_for_review(campaign_name=name, advertiser_name="O'Brien & Sons", text_content=name)
    detail = (await client.get(f"/api/v1/campaigns/{campaign['id']}")).json()
    assert detail["campaign_name"] == name and detail["text_content"] == name
    html = (await client.get(f"/api/v1/preview/{campaign['id']}?format=html")).text
    assert _active_content(html) == []
    assert "O&#39;Brien &amp; Sons" in html or "O'Brien &amp; Sons" in html


@pytest.mark.parametrize(
    ("fields", "status", "code", "phrase"),
    [
        ({"campaign_name": "\x00\x01\x02"}, 422, "invalid_characters", "campaign_name contains a control"),
        ({"cta_url": "javascript:alert(1)"}, 422, "invalid_url", "http"),
        ({"cta_url": "data:text/html,<script>alert(1)</script>"}, 422, "invalid_url", "http"),
        ({"cta_url": 'https://example.com/"><script>'}, 422, "invalid_url", "not allowed"),
        ({"text_content": "x" * 70_000}, 400, "bad_request", "maximum size"),
        ({"tone": "'; DROP TABLE campaign;--"}, 422, "validation_error", "tone"),
    ],
)
async def test_hostile_text_fields_are_refused(uploads, client, settings, fields, status, code, phrase):
    before = await _state(client, settings)
    r = await uploads.post(heroes=[], **fields)
    assert r.status_code == status, r.text
    assert r.json()["code"] == code and phrase in r.json()["detail"]
    assert await _state(client, settings) == before


async def test_a_flood_of_form_fields_is_refused(client: httpx.AsyncClient, settings: Settings):
    before = await _state(client, settings)
    data = {f"extra_{i}": "x" for i in range(40)}
    r = await client.post("/api/v1/upload", data=data, files=[("logo", ("logo.png", png(), "image/png"))])
    assert r.status_code == 400
    assert "Too many fields" in r.json()["detail"]
    assert await _state(client, settings) == before


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("multipart/form-data", b"--x\r\nno boundary declared\r\n--x--\r\n"),
        ("multipart/form-data; boundary=abc", b"garbage that is not multipart at all"),
        ("multipart/form-data; boundary=abc", b"--abc\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--abc--\r\n"),
        ("application/json", b'{"campaign_name": "x"}'),
        ("text/plain", b"hello"),
    ],
)
async def test_malformed_bodies_are_4xx(client: httpx.AsyncClient, settings: Settings, content_type: str, body: bytes):
    before = await _state(client, settings)
    r = await client.post("/api/v1/upload", content=body, headers={"Content-Type": content_type})
    assert 400 <= r.status_code < 500, r.text
    assert r.json()["detail"] and r.json()["code"]
    assert await _state(client, settings) == before


def _open_files_under(folder: Path) -> list[str]:
    held = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(folder)):
            held.append(target)
    return held


@pytest.fixture
def spool_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Uploaded parts over 1 MB are spooled to disk; point that at a folder we can inspect."""
    folder = tmp_path / "spool"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _multipart(boundary: str, parts: list[tuple[str, str, bytes]]) -> bytes:
    out = b""
    for name, filename, data in parts:
        out += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'.encode()
        out += b"Content-Type: image/jpeg\r\n\r\n" + data + b"\r\n"
    return out + f"--{boundary}--\r\n".encode()


async def test_oversize_request_is_cut_off_while_streaming_and_leaves_no_temp_file(
    client: httpx.AsyncClient, settings: Settings, spool_dir: Path
):
    before = await _state(client, settings)
    boundary = "hostileboundary"
    body = _multipart(boundary, [("hero_images", f"h{i}.jpg", b"\xff" * (3 * MB)) for i in range(9)])
    assert len(body) > settings.max_request_bytes
    sent = 0

    async def chunks() -> AsyncIterator[bytes]:
        nonlocal sent
        for start in range(0, len(body), 256 * 1024):
            sent += 1
            yield body[start : start + 256 * 1024]

    # No Content-Length: only counting while streaming can catch it.
    r = await client.post(
        "/api/v1/upload", content=chunks(), headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
    )
    assert r.status_code == 413
    assert r.json()["code"] == "request_too_large"
    assert sent * 256 * 1024 < len(body)  # the rest was never read
    assert os.listdir(spool_dir) == [] and _open_files_under(spool_dir) == []
    assert await _state(client, settings) == before


async def test_refused_big_file_leaves_no_temp_file(uploads: UploadBuilder, client, settings, spool_dir: Path):
    before = await _state(client, settings)
    r = await uploads.post(heroes=[("big.jpg", b"\xff\xd8\xff" + b"0" * (6 * MB), "image/jpeg")])
    assert r.status_code == 413
    assert os.listdir(spool_dir) == [] and _open_files_under(spool_dir) == []
    assert await _state(client, settings) == before
