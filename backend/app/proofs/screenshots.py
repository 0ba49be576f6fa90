"""Picture proofs: the email as a PNG, rendered by the system's headless Chromium through Playwright.

One browser per process, started on first use and closed at shutdown; one reused page per
device and theme (a fresh context per shot costs ~0.6 s, a reused page ~0.1 s). The page runs
no scripts and reaches no network: images are inlined from storage before rendering.
"""

import asyncio
import base64
import contextlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from fastapi import Request

from app.core.errors import ServiceUnavailable
from app.storage.base import Storage, StorageError

if TYPE_CHECKING:  # playwright is imported lazily so the app starts without it
    from playwright.async_api import Browser, BrowserContext, Page, Playwright

logger = logging.getLogger(__name__)

Device = Literal["desktop", "mobile"]
Theme = Literal["light", "dark"]

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass(frozen=True)
class DeviceProfile:
    width: int
    height: int
    scale: float
    mobile: bool


# Desktop: a mail client's reading pane. Mobile: a 390 px phone at 2x, below MJML's 480 px breakpoint.
DEVICES: dict[str, DeviceProfile] = {
    "desktop": DeviceProfile(800, 900, 1, False),
    "mobile": DeviceProfile(390, 844, 2, True),
}

_CONTENT_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
}


class RendererUnavailable(ServiceUnavailable):
    code = "renderer_unavailable"


UNAVAILABLE = "Picture proofs are unavailable: no browser is installed on this server. The HTML preview still works."


class ProofRenderer:
    """A warm headless Chromium for screenshots; safe to share between requests."""

    def __init__(self, executable: Path, *, timeout_s: float = 15.0):
        self.executable = executable
        self.timeout_ms = timeout_s * 1000
        self._start_lock = asyncio.Lock()
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._pages: dict[tuple[str, str], tuple[BrowserContext, Page, asyncio.Lock]] = {}

    @property
    def started(self) -> bool:
        return self._browser is not None and self._browser.is_connected()

    async def _browser_ready(self) -> "Browser":
        if self._browser is not None and self._browser.is_connected():
            return self._browser
        async with self._start_lock:
            if self._browser is not None and self._browser.is_connected():
                return self._browser
            await self.close()
            if not self.executable.is_file():
                raise RendererUnavailable(UNAVAILABLE)
            try:
                from playwright.async_api import async_playwright

                self._playwright = await async_playwright().start()
                self._browser = await self._playwright.chromium.launch(
                    executable_path=str(self.executable),
                    args=CHROMIUM_FLAGS,
                    headless=True,
                    timeout=self.timeout_ms,
                )
            except Exception as exc:  # ImportError, a browser that will not start, a driver crash
                logger.warning("chromium failed to start: %s", type(exc).__name__)
                await self.close()
                raise RendererUnavailable(UNAVAILABLE) from exc
            logger.info("chromium started", extra={"executable": str(self.executable)})
            return self._browser

    async def _page(self, device: Device, theme: Theme) -> tuple["Page", asyncio.Lock]:
        key = (device, theme)
        if key in self._pages and not self._pages[key][1].is_closed():
            _, page, lock = self._pages[key]
            return page, lock
        browser = await self._browser_ready()
        profile = DEVICES[device]
        context = await browser.new_context(
            viewport={"width": profile.width, "height": profile.height},
            device_scale_factor=profile.scale,
            is_mobile=profile.mobile,
            has_touch=profile.mobile,
            color_scheme=theme,
            java_script_enabled=False,
            offline=True,
        )
        # Belt and braces with offline=True: nothing leaves the page (inlined data: URLs never hit routes).
        await context.route("**/*", _abort)
        page = await context.new_page()
        lock = asyncio.Lock()
        self._pages[key] = (context, page, lock)
        return page, lock

    async def screenshot(self, html: str, device: Device, theme: Theme) -> bytes:
        """A full-page PNG of `html` as `device` shows it in `theme`."""
        from playwright.async_api import Error as PlaywrightError

        page, lock = await self._page(device, theme)
        try:
            async with lock:
                await page.set_content(html, wait_until="load", timeout=self.timeout_ms)
                return await page.screenshot(full_page=True, type="png", timeout=self.timeout_ms)
        except PlaywrightError as exc:
            # A crashed or hung browser: drop it so the next request starts a fresh one.
            logger.warning("screenshot failed: %s", exc.message[:200])
            await self.close()
            raise RendererUnavailable("The picture proof could not be rendered; try again.") from exc

    async def close(self) -> None:
        """Close pages, browser and driver (app shutdown, or after a crash)."""
        pages, self._pages = self._pages, {}
        browser, self._browser = self._browser, None
        driver, self._playwright = self._playwright, None
        for context, _, _ in pages.values():
            await _quietly(context.close())
        if browser is not None:
            await _quietly(browser.close())
        if driver is not None:
            await _quietly(driver.stop())


async def _abort(route: Any) -> None:
    await route.abort()


async def _quietly(awaitable: Any) -> None:
    with contextlib.suppress(Exception):  # closing a browser that is already gone
        await awaitable


def get_proof_renderer(request: Request) -> ProofRenderer:
    renderer: ProofRenderer = request.app.state.proof_renderer
    return renderer


async def inline_media(html: str, media_base: str, storage: Storage) -> str:
    """Replace the app's own image URLs with data: URLs read from storage (the browser stays offline)."""
    pattern = re.compile(re.escape(media_base.rstrip("/") + "/") + r"([A-Za-z0-9_./-]+\.([A-Za-z]+))")
    found = {m.group(0): (m.group(1), m.group(2).lower()) for m in pattern.finditer(html)}
    replacements: dict[str, str] = {}
    for url, (key, ext) in found.items():
        try:
            data = await storage.get(key)
        except StorageError:
            continue  # shows as a broken image, as it would in the inbox
        kind = _CONTENT_TYPES.get(ext, "application/octet-stream")
        replacements[url] = f"data:{kind};base64,{base64.b64encode(data).decode()}"
    if not replacements:
        return html
    urls = re.compile("|".join(re.escape(u) for u in sorted(replacements, key=len, reverse=True)))
    return urls.sub(lambda m: replacements[m.group(0)], html)
