"""Image validation and renditions, without HTTP."""

import io

import pytest
from PIL import Image

from app.images.codec import ImageRejected, optimize_image
from app.images.metadata import strip_jpeg_metadata
from tests.support.factories import gif, jpeg, png

LIMITS = {"max_width": 1200, "max_pixels": 40_000_000, "gif_max_bytes": 50_000, "gif_max_frame_pixels": 100_000_000}


def test_large_photo_becomes_1200px_jpeg():
    result = optimize_image(jpeg(4000, 3000, noise=True), **LIMITS)
    assert (result.rendition.width, result.rendition.height) == (1200, 900)
    assert result.rendition.content_type == "image/jpeg"
    assert len(result.rendition.data) < len(result.original.data) / 3
    assert (result.original.width, result.original.height) == (4000, 3000)


def test_small_image_is_not_upscaled():
    result = optimize_image(png(300, 100, alpha=False), **LIMITS)
    assert (result.rendition.width, result.rendition.height) == (300, 100)
    assert result.rendition.content_type == "image/jpeg"  # no transparency: JPEG is smaller


def test_transparency_keeps_png():
    result = optimize_image(png(300, 100, alpha=True), **LIMITS)
    assert result.has_alpha and result.rendition.content_type == "image/png"
    assert Image.open(io.BytesIO(result.rendition.data)).mode == "RGBA"


def test_big_animated_gif_becomes_a_still():
    frames = [Image.effect_noise((200, 200), 80).convert("P") for _ in range(12)]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:])
    result = optimize_image(buf.getvalue(), **LIMITS)
    assert result.rendition.content_type in ("image/jpeg", "image/png")
    small = optimize_image(gif(), **LIMITS)
    assert small.rendition.content_type == "image/gif"


def test_pixel_limit():
    with pytest.raises(ImageRejected) as err:
        optimize_image(
            png(3000, 3000, alpha=False),
            max_width=1200,
            max_pixels=1_000_000,
            gif_max_bytes=1,
            gif_max_frame_pixels=10**8,
        )
    assert err.value.code == "image_too_large"


def test_jpeg_metadata_strip_keeps_pixels():
    data = jpeg(640, 480, orientation=3, gps=True)
    cleaned = strip_jpeg_metadata(data, 3)
    before, after = Image.open(io.BytesIO(data)), Image.open(io.BytesIO(cleaned))
    assert before.tobytes() == after.tobytes()
    assert dict(after.getexif()) == {0x0112: 3}
    assert dict(Image.open(io.BytesIO(strip_jpeg_metadata(data, 1))).getexif()) == {}
    with pytest.raises(ValueError):
        strip_jpeg_metadata(b"GIF89a", 1)
    with pytest.raises(ValueError):
        strip_jpeg_metadata(data[:300], 1)
