"""In a real browser (Debian chromium), at 375 px (a phone) and 1280 px: the sale date and the button sit above
812 px in every layout, photos loaded, portrait among them."""

from pathlib import Path

import httpx
import pytest

from tests.proofs.variants import LOGOS, PHOTO_SETS, landscape, portrait
from tests.support.factories import UploadBuilder

CHROMIUM = Path("/usr/bin/chromium")
FOLD = 812  # an iPhone X-class screen's height in CSS pixels
CASES = {  # name: (layout, photos)
    "single-1-portrait": ("single", PHOTO_SETS[1]),
    "single-3": ("single", PHOTO_SETS[3]),  # "one large photo" first, the rest below the button
    "gallery-2": ("gallery", [("a.jpg", portrait(), "image/jpeg"), ("b.jpg", landscape(), "image/jpeg")]),
    "gallery-3": ("gallery", PHOTO_SETS[3]),
    "single-0": ("single", []),
}


@pytest.fixture(scope="module")
async def browser():
    from playwright.async_api import async_playwright

    from app.proofs.screenshots import CHROMIUM_FLAGS

    async with async_playwright() as p:
        b = await p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        yield b
        await b.close()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("case", list(CASES))
async def test_sale_date_and_button_above_the_fold(
    uploads: UploadBuilder, client: httpx.AsyncClient, browser, case: str, width: int
):
    layout, photos = CASES[case]
    campaign = await uploads.create(logo=("logo.png", LOGOS["red"], "image/png"), heroes=photos)
    cid = campaign["id"]
    assert (await client.post(f"/api/v1/process/{cid}")).status_code == 200
    proof = (await client.post(f"/api/v1/generate/{cid}", params={"layout": layout})).json()
    html = (await client.get(f"/api/v1/preview/{cid}", params={"format": "html", "version": proof["version"]})).text

    mobile = width < 480
    context = await browser.new_context(
        viewport={"width": width, "height": FOLD}, is_mobile=mobile, has_touch=mobile, java_script_enabled=False
    )

    async def serve(route):
        url = route.request.url
        if not url.startswith("http://testserver/media/"):
            await route.abort()
            return
        r = await client.get(url.replace("http://testserver", ""))
        await route.fulfill(status=r.status_code, body=r.content, content_type=r.headers.get("content-type"))

    await context.route("**/*", serve)
    page = await context.new_page()
    try:
        await page.set_content(html, wait_until="load")
        images = await page.eval_on_selector_all("img", "els => els.map(e => e.complete && e.naturalWidth > 0)")
        assert images and all(images), "every image loaded"
        badge = await page.locator(".s-badge").first.bounding_box()
        button = await page.locator(".s-button a").first.bounding_box()
        headline = await page.locator("h1").first.bounding_box()
        assert badge and button and headline
        assert "December 12" in await page.locator(".s-badge").first.inner_text()
        assert badge["y"] + badge["height"] <= FOLD, (case, width, badge)
        assert button["y"] + button["height"] <= FOLD, (case, width, button)
        assert headline["y"] < badge["y"] < button["y"]
    finally:
        await context.close()
