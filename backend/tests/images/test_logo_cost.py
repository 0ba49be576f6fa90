"""A transparent logo with photographic detail is finished inside the upload: its PNG must be cheap."""

import io
import time

from PIL import Image, ImageDraw, ImageFilter

from app.images.codec import optimize_image

LIMITS = {"max_width": 600, "max_pixels": 40_000_000, "gif_max_bytes": 10_000_000, "gif_max_frame_pixels": 100_000_000}


def _photographic_logo() -> bytes:
    shade = Image.linear_gradient("L").resize((600, 600))
    grain = Image.effect_noise((600, 600), 30)
    im = Image.merge("RGBA", [shade, grain, shade.rotate(90), Image.new("L", (600, 600), 255)])
    im = im.filter(ImageFilter.SMOOTH)
    ImageDraw.Draw(im).ellipse((40, 40, 560, 560), fill=(200, 30, 30, 0))  # a transparent cut-out
    buf = io.BytesIO()
    im.save(buf, "PNG", compress_level=1)
    return buf.getvalue()


def test_a_photographic_transparent_logo_costs_the_upload_well_under_a_second_of_cpu():
    data = _photographic_logo()
    started = time.thread_time()  # CPU of this thread: not inflated by other work on the machine
    result = optimize_image(data, **LIMITS)
    cpu = time.thread_time() - started
    assert result.rendition.content_type == "image/png" and result.has_alpha
    # zlib level 9 (PNG optimize=True) took ~0.7 s of CPU for this logo here, level 6 about 0.1 s.
    assert cpu < 0.35, f"{cpu:.2f} s of CPU for one logo"
