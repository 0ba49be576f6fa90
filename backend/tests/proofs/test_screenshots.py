"""Picture proofs: the email as PNG in Chromium, desktop and mobile, light and dark.

The PNGs are also written to bench-results/email-proofs/ (or $EMAIL_PROOFS_DIR) for a person to look at.
"""

import asyncio
import io
import os
from pathlib import Path

import httpx
import pytest
from PIL import Image, ImageStat

from app.core.config import REPO_DIR, Settings
from app.proofs.screenshots import ProofRenderer, RendererUnavailable, media_fetcher
from app.storage.local import LocalStorage
from tests.support.apps import MakeApp
from tests.support.factories import UploadBuilder, jpeg, png
from tests.support.media import media_files

OUT = Path(os.environ.get("EMAIL_PROOFS_DIR", REPO_DIR / "bench-results" / "email-proofs"))
WIDTHS = {"desktop": 800, "mobile": 780}  # mobile: 390 px at 2x


def save(name: str, data: bytes) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / name).write_bytes(data)


def brightness(image: Image.Image) -> float:
    return float(ImageStat.Stat(image.convert("L")).mean[0])


@pytest.mark.parametrize(
    ("name", "heroes", "logo"),
    [
        ("gallery-3-dark-logo", 3, png(480, 160, color=(20, 60, 120))),
        ("single-1-light-logo", 1, png(480, 160, color=(250, 250, 250))),
    ],
)
async def test_png_proofs_for_every_device_and_theme(
    uploads: UploadBuilder, client: httpx.AsyncClient, settings: Settings, name, heroes, logo
):
    photos = [(f"h{i}.jpg", jpeg(1200, 800), "image/jpeg") for i in range(heroes)]
    campaign = await uploads.ready_for_review(logo=("logo.png", logo, "image/png"), heroes=photos)
    shots = {}
    for device in ("desktop", "mobile"):
        for theme in ("light", "dark"):
            params = {"format": "png", "device": device, "theme": theme}
            r = await client.get(f"/api/v1/preview/{campaign['id']}", params=params)
            assert r.status_code == 200, r.text
            assert r.headers["content-type"] == "image/png"
            image = Image.open(io.BytesIO(r.content))
            assert image.width == WIDTHS[device]
            assert image.height > image.width  # the whole email, not just the first screen
            shots[device, theme] = (r.content, image)
            save(f"{name}-{device}-{theme}.png", r.content)
    for device in ("desktop", "mobile"):
        assert brightness(shots[device, "dark"][1]) < brightness(shots[device, "light"][1]) - 40
    # Rendered once per proof version, device and theme, then served from storage.
    cached = {p.name for p in media_files(settings) if p.name.endswith((".desktop-light.png", ".mobile-dark.png"))}
    assert len(cached) >= 2
    again = await client.get(f"/api/v1/preview/{campaign['id']}", params={"format": "png"})
    assert again.content == shots["desktop", "light"][0]


async def test_no_browser_means_503_and_everything_else_works(uploads: UploadBuilder, client: httpx.AsyncClient, app):
    campaign = await uploads.ready_for_review()
    warm = app.state.proof_renderer
    app.state.proof_renderer = ProofRenderer(Path("/nonexistent/chromium"))  # CHROMIUM_PATH at a missing file
    try:
        r = await client.get(f"/api/v1/preview/{campaign['id']}", params={"format": "png", "theme": "dark"})
        assert r.status_code == 503
        assert r.json()["code"] == "renderer_unavailable"
        assert "/nonexistent" not in r.text
        assert (await client.get(f"/api/v1/preview/{campaign['id']}")).status_code == 200
        assert (await client.get(f"/api/v1/preview/{campaign['id']}", params={"format": "html"})).status_code == 200
        assert (await client.post(f"/api/v1/generate/{campaign['id']}")).status_code == 201
    finally:
        app.state.proof_renderer = warm


async def test_bad_device_or_theme_is_a_422(uploads: UploadBuilder, client: httpx.AsyncClient):
    campaign = await uploads.ready_for_review()
    r = await client.get(f"/api/v1/preview/{campaign['id']}", params={"format": "png", "device": "watch"})
    assert r.status_code == 422


async def test_the_page_gets_the_apps_own_images_from_storage_and_nothing_else(tmp_path: Path):
    storage = LocalStorage(tmp_path, "http://app.test")
    await storage.put("campaigns/x/logos/a.png", b"PNGDATA", "image/png")
    fetch = media_fetcher(storage, "http://app.test/media")
    assert await fetch("http://app.test/media/campaigns/x/logos/a.png") == (b"PNGDATA", "image/png")
    assert await fetch("http://app.test/media/campaigns/x/logos/missing.png") is None
    assert await fetch("http://app.test/media/campaigns/../../etc/passwd.png") is None
    assert await fetch("https://tracker.example/pixel.gif") is None


async def test_renderer_restarts_after_close_and_never_reaches_the_network():
    renderer = ProofRenderer(Path("/usr/bin/chromium"), timeout_s=10)
    html = '<html><body style="background:#ffffff"><img src="https://tracker.example/p.gif" alt="x"></body></html>'
    first = await renderer.screenshot(html, "desktop", "light")
    assert first.startswith(b"\x89PNG") and renderer.started
    await renderer.close()
    assert not renderer.started
    second = await renderer.screenshot(html, "mobile", "dark")
    assert second.startswith(b"\x89PNG")
    await renderer.close()


async def test_an_idle_browser_is_closed_to_free_its_memory():
    renderer = ProofRenderer(Path("/usr/bin/chromium"), timeout_s=10, idle_s=0.2)
    try:
        await renderer.screenshot("<p>proof</p>", "desktop", "light")
        assert renderer.started
        deadline = asyncio.get_running_loop().time() + 10
        while renderer.started and asyncio.get_running_loop().time() < deadline:  # noqa: ASYNC110 - the timer under test
            await asyncio.sleep(0.05)
        assert not renderer.started
        # ...and it comes back on the next request.
        assert (await renderer.screenshot("<p>proof</p>", "mobile", "dark")).startswith(b"\x89PNG")
    finally:
        await renderer.close()


async def test_a_browser_that_will_not_start_is_renderer_unavailable():
    renderer = ProofRenderer(Path("/bin/false"), timeout_s=10)  # exists, but is no browser
    with pytest.raises(RendererUnavailable) as caught:
        await renderer.screenshot("<p>proof</p>", "desktop", "light")
    assert caught.value.status_code == 503 and caught.value.code == "renderer_unavailable"
    assert not renderer.started


async def test_chromium_path_setting_reaches_the_renderer(make_app: MakeApp):
    missing = Path("/nonexistent/chromium")
    async with make_app(start=False, chromium_path=missing, screenshot_idle_s=0) as app:
        renderer = app.state.proof_renderer
        assert renderer.executable == missing and renderer.idle_s == 0 and not renderer.started
