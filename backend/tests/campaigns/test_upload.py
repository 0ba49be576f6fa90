"""POST /api/v1/upload: what an advertiser sends, and every way it can be refused."""

import io

import httpx
import pytest
from PIL import Image

from app.core.config import Settings
from tests.support.factories import UploadBuilder, gif, jpeg, png, webp
from tests.support.media import media_files


async def _fetch(client: httpx.AsyncClient, url: str) -> bytes:
    r = await client.get(url.replace("http://testserver", ""))
    assert r.status_code == 200, url
    return r.content


async def test_upload_with_logo_and_three_photos_creates_campaign(uploads: UploadBuilder, client: httpx.AsyncClient):
    heroes = [(f"p{i}.jpg", jpeg(4000, 3000), "image/jpeg") for i in range(3)]
    r = await uploads.post(heroes=heroes)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["status"] == "uploaded"
    assert body["next_step"] == "process"
    assert [a["role"] for a in body["assets"]] == ["logo", "hero", "hero", "hero"]
    for asset in body["assets"][1:]:
        assert asset["width"] == 1200 and asset["height"] == 900
        rendition = Image.open(io.BytesIO(await _fetch(client, asset["url"])))
        assert rendition.format == "JPEG" and rendition.size == (1200, 900)
        assert not rendition.getexif()  # nothing of the camera's metadata travels into the email
        original = Image.open(io.BytesIO(await _fetch(client, asset["original_url"])))
        assert original.size == (4000, 3000)


async def test_keys_are_generated_not_taken_from_file_names(uploads: UploadBuilder):
    body = await uploads.create(logo=("../../etc/passwd.png", b"", "image/png"))
    logo = body["assets"][0]
    assert "passwd" not in logo["url"] and ".." not in logo["url"]
    assert logo["filename"] == "passwd.png"


async def test_exif_orientation_applied_and_gps_stripped(uploads: UploadBuilder, client: httpx.AsyncClient):
    photo = jpeg(1600, 1200, orientation=6, gps=True)
    body = await uploads.create(heroes=[("phone.jpg", photo, "image/jpeg")])
    hero = body["assets"][1]
    assert (hero["width"], hero["height"]) == (1200, 1600)  # rotated upright
    rendition = Image.open(io.BytesIO(await _fetch(client, hero["url"])))
    assert dict(rendition.getexif()) == {}
    original_bytes = await _fetch(client, hero["original_url"])
    original = Image.open(io.BytesIO(original_bytes))
    exif = original.getexif()
    assert exif.get_ifd(0x8825) == {} and 0x010F not in exif  # no GPS, no camera maker
    assert exif.get(0x0112) == 6  # orientation kept so the original still displays upright
    assert b"PhoneMaker" not in original_bytes


async def test_transparent_logo_stays_png_and_other_formats_accepted(uploads: UploadBuilder):
    body = await uploads.create(
        logo=("logo.png", png(alpha=True), "image/png"),
        heroes=[("anim.gif", gif(), "image/gif"), ("photo.webp", webp(), "image/webp")],
    )
    logo, anim, photo = body["assets"]
    assert logo["content_type"] == "image/png"
    assert anim["content_type"] == "image/gif"  # a small animation is kept as it is
    assert photo["content_type"] == "image/jpeg"


async def test_zero_heroes_is_fine(uploads: UploadBuilder):
    body = await uploads.create(heroes=[])
    assert len(body["assets"]) == 1


async def test_text_fields_are_trimmed_and_stored(uploads: UploadBuilder):
    body = await uploads.create(campaign_name="  Spring Sale  ", tone="luxury", cta_url=None)
    assert body["campaign_name"] == "Spring Sale"
    assert body["tone"] == "luxury"
    assert body["cta_url"] is None


@pytest.mark.parametrize(
    ("overrides", "status", "code", "phrase"),
    [
        ({"campaign_name": ""}, 422, "validation_error", "campaign_name"),
        ({"campaign_name": "   "}, 422, "validation_error", "campaign_name is required"),
        ({"campaign_name": "x" * 121}, 422, "validation_error", "at most 120"),
        ({"advertiser_name": "y" * 121}, 422, "validation_error", "advertiser_name"),
        ({"text_content": "z" * 5001}, 422, "validation_error", "5,000"),
        ({"cta_url": "javascript:alert(1)"}, 422, "invalid_url", "http"),
        ({"cta_url": "ftp://example.com/x"}, 422, "invalid_url", "http"),
        ({"cta_url": "https://"}, 422, "invalid_url", "http"),
        ({"tone": "sarcastic"}, 422, "validation_error", "tone"),
    ],
)
async def test_bad_fields_are_refused_with_a_clear_message(uploads, overrides, status, code, phrase):
    r = await uploads.post(**overrides)
    assert r.status_code == status, r.text
    assert r.json()["code"] == code
    assert phrase in r.json()["detail"]


def _bomb() -> bytes:
    """A tiny PNG whose header claims 20000 × 20000 pixels."""
    im = Image.new("1", (20000, 20000))
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=True)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("logo", "heroes", "status", "code"),
    [
        (("logo.png", b"this is plain text, not an image", "image/png"), [], 415, "unsupported_media_type"),
        (
            ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "image/svg+xml"),
            [],
            415,
            "unsupported_media_type",
        ),
        (("logo.bmp", b"BM" + b"\x00" * 100, "image/bmp"), [], 415, "unsupported_media_type"),
        (("logo.png", b"", "image/png"), [("empty.jpg", b"", "image/jpeg")], 422, "empty_file"),
        (
            ("logo.png", b"", "image/png"),
            [("big.jpg", b"\xff\xd8" + b"0" * (5 * 1024 * 1024 + 10), "image/jpeg")],
            413,
            "file_too_large",
        ),
        (("logo.png", b"", "image/png"), [("cut.jpg", jpeg(800, 600)[:2000], "image/jpeg")], 422, "corrupt_image"),
        (("bomb.png", _bomb(), "image/png"), [], 413, "image_too_large"),
        (
            ("logo.png", b"", "image/png"),
            [(f"h{i}.jpg", jpeg(200, 150), "image/jpeg") for i in range(4)],
            422,
            "too_many_files",
        ),
    ],
)
async def test_hostile_or_broken_files_are_refused_and_leave_nothing_behind(
    uploads: UploadBuilder, client: httpx.AsyncClient, settings: Settings, logo, heroes, status, code
):
    before_files = media_files(settings)
    before_total = (await client.get("/api/v1/campaigns")).json()["total"]
    assert before_files == set() and before_total == 0  # every test starts from the baseline
    r = await uploads.post(logo=logo, heroes=heroes)
    assert r.status_code == status, r.text
    body = r.json()
    assert body["code"] == code
    if code == "unsupported_media_type":
        assert "JPEG, PNG, GIF or WebP" in body["detail"]
    assert media_files(settings) == before_files
    assert (await client.get("/api/v1/campaigns")).json()["total"] == before_total


async def test_missing_logo_is_a_validation_error(uploads: UploadBuilder):
    r = await uploads.post(logo=None)
    assert r.status_code == 422
    assert "logo" in r.json()["detail"]


async def test_request_over_the_total_limit_is_cut_off(client: httpx.AsyncClient, settings: Settings):
    before = media_files(settings)
    big = b"0" * (settings.max_request_bytes + 1)
    r = await client.post("/api/v1/upload", content=big, headers={"content-type": "multipart/form-data; boundary=x"})
    assert r.status_code == 413
    assert r.json()["code"] == "request_too_large"

    async def chunks():
        yield b'--x\r\nContent-Disposition: form-data; name="logo"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n'
        for _ in range(settings.max_request_bytes // (1024 * 1024) + 2):
            yield b"0" * (1024 * 1024)

    r = await client.post(
        "/api/v1/upload", content=chunks(), headers={"content-type": "multipart/form-data; boundary=x"}
    )
    assert r.status_code == 413
    assert media_files(settings) == before
