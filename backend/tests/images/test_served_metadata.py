"""What the API serves carries no hidden data: no comment, no EXIF/GPS, nothing after the image's end.

Each file is uploaded, then the original and the email rendition are fetched from the URLs the API
returns, and their bytes are read.
"""

import io
import struct

import httpx
import pytest
from PIL import Image, PngImagePlugin

from tests.images.hostile_files import tiny_frame_gif
from tests.support.factories import UploadBuilder, gif, jpeg, png

COMMENT = b"private note: seller phone 555-0100"
TRAILER_SECRET = b"HIDDEN-AFTER-EOI"


def _with_comment(data: bytes) -> bytes:
    """A JPEG with a COM marker right after SOI."""
    segment = b"\xff\xfe" + struct.pack(">H", len(COMMENT) + 2) + COMMENT
    return data[:2] + segment + data[2:]


def _with_gps_jpeg_appended(data: bytes) -> bytes:
    """A second JPEG, with GPS and a marker string, glued after the first one's end-of-image marker."""
    return data + _with_comment(jpeg(64, 48, gps=True)) + TRAILER_SECRET


def _jpeg_segments(data: bytes) -> list[int]:
    """The markers of the header segments, up to the first scan."""
    markers, pos = [], 2
    while data[pos + 1] != 0xDA:
        markers.append(data[pos + 1])
        pos += 2 + struct.unpack(">H", data[pos + 2 : pos + 4])[0]
    return markers


def _assert_clean_jpeg(data: bytes) -> None:
    assert data[:2] == b"\xff\xd8" and data.endswith(b"\xff\xd9")
    assert 0xFE not in _jpeg_segments(data)  # no COM marker
    assert COMMENT not in data and TRAILER_SECRET not in data
    assert data.count(b"\xff\xd8") == 1  # no second JPEG inside
    im = Image.open(io.BytesIO(data))
    assert "comment" not in im.info
    assert not im.getexif().get_ifd(0x8825)  # no GPS
    assert 0x010F not in im.getexif()  # no camera maker


async def _fetch(client: httpx.AsyncClient, url: str) -> bytes:
    r = await client.get(url.replace("http://testserver", ""))
    assert r.status_code == 200, url
    return r.content


async def _served(uploads: UploadBuilder, client: httpx.AsyncClient, **kwargs) -> list[tuple[bytes, bytes]]:
    """(original, rendition) bytes of every asset of a fresh upload."""
    body = await uploads.create(**kwargs)
    return [(await _fetch(client, a["original_url"]), await _fetch(client, a["url"])) for a in body["assets"]]


@pytest.mark.parametrize(("width", "height"), [(1000, 750), (2400, 1800)])  # finished in the request / later
async def test_jpeg_comment_gps_and_appended_data_are_gone_from_original_and_rendition(
    uploads: UploadBuilder, client: httpx.AsyncClient, width: int, height: int
):
    photo = _with_gps_jpeg_appended(_with_comment(jpeg(width, height, gps=True)))
    assert TRAILER_SECRET in photo and COMMENT in photo
    [_, (original, rendition)] = await _served(uploads, client, heroes=[("photo.jpg", photo, "image/jpeg")])
    _assert_clean_jpeg(original)
    _assert_clean_jpeg(rendition)
    assert Image.open(io.BytesIO(original)).size == (width, height)


async def test_jpeg_logo_with_a_comment_is_served_without_it(uploads: UploadBuilder, client: httpx.AsyncClient):
    [(original, rendition), _] = await _served(
        uploads, client, logo=("logo.jpg", _with_comment(jpeg(500, 200)), "image/jpeg")
    )
    _assert_clean_jpeg(original)
    _assert_clean_jpeg(rendition)


def _gif_with_comment(frames: int) -> bytes:
    """A GIF with a comment block before its first frame (where Pillow reads it into the image's info)."""
    data = gif(frames)
    start = 13 + (3 << ((data[10] & 7) + 1) if data[10] & 0x80 else 0)  # after the global colour table
    return data[:start] + b"\x21\xfe" + bytes([len(COMMENT)]) + COMMENT + b"\x00" + data[start:]


@pytest.mark.parametrize("data", [_gif_with_comment(1), _gif_with_comment(3), tiny_frame_gif(20, 200, comment=COMMENT)])
async def test_gif_comments_do_not_survive(uploads: UploadBuilder, client: httpx.AsyncClient, data: bytes):
    assert COMMENT in data
    [(original, rendition), _] = await _served(uploads, client, logo=("logo.gif", data, "image/gif"))
    for served in (original, rendition):
        assert COMMENT not in served
        assert "comment" not in Image.open(io.BytesIO(served)).info
    frames_sent = getattr(Image.open(io.BytesIO(data)), "n_frames", 1)
    assert getattr(Image.open(io.BytesIO(original)), "n_frames", 1) == frames_sent  # the animation is kept


async def test_png_text_and_exif_do_not_survive(uploads: UploadBuilder, client: httpx.AsyncClient):
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", COMMENT.decode())
    info.add_itxt("Author", "Jane Seller, 12 Elm St")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 12.0)}
    buf = io.BytesIO()
    Image.open(io.BytesIO(png(300, 120))).save(buf, "PNG", pnginfo=info, exif=exif.tobytes())
    [(original, rendition), _] = await _served(uploads, client, logo=("logo.png", buf.getvalue(), "image/png"))
    for served in (original, rendition):
        assert COMMENT not in served and b"Jane Seller" not in served
        assert not Image.open(io.BytesIO(served)).getexif().get_ifd(0x8825)
    # The pixels of the original are untouched.
    assert Image.open(io.BytesIO(original)).tobytes() == Image.open(buf).tobytes()
