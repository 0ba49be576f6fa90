"""Animated GIFs cost canvas pixels × frames to redraw: tiny files can hide enormous work.

Refused above GIF_MAX_FRAME_PIXELS, processed within it, and in either case in well under a second
of CPU: frames are counted and copied from the file's blocks, never redrawn.
"""

import io
import time

import httpx
import pytest
from PIL import Image

from app.core.config import Settings
from tests.images.hostile_files import tiny_frame_gif
from tests.support.factories import UploadBuilder
from tests.support.media import media_files


@pytest.mark.parametrize("frames", [200, 10_000])
async def test_tiny_gif_with_too_many_frames_is_refused_quickly(
    uploads: UploadBuilder, client: httpx.AsyncClient, settings: Settings, frames: int
):
    data = tiny_frame_gif(frames, 1000)
    assert len(data) < 250_000  # 4.6 KB for 200 frames
    stored_before = media_files(settings)
    cpu = time.process_time()
    r = await uploads.post(logo=("logo.gif", data, "image/gif"), heroes=[])
    cpu = time.process_time() - cpu
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["code"] == "animation_too_large"
    assert "at most 100 frames" in body["detail"] and "1000×1000" in body["detail"]
    assert cpu < 1.0, f"{cpu:.2f} s of CPU"
    assert media_files(settings) == stored_before


@pytest.mark.parametrize(("frames", "canvas"), [(100, 1000), (10_000, 100)])  # exactly at the budget
async def test_animation_within_the_budget_is_kept_and_cheap(
    uploads: UploadBuilder, client: httpx.AsyncClient, frames: int, canvas: int
):
    data = tiny_frame_gif(frames, canvas)
    cpu = time.process_time()
    body = await uploads.create(heroes=[("animation.gif", data, "image/gif")])
    cpu = time.process_time() - cpu
    assert cpu < 1.0, f"{cpu:.2f} s of CPU"
    hero = body["assets"][1]
    assert hero["content_type"] == "image/gif"
    served = (await client.get(hero["url"].replace("http://testserver", ""))).content
    im = Image.open(io.BytesIO(served))
    assert im.n_frames == frames and im.size == (canvas, canvas)
