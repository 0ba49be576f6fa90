"""Picture proofs: the email as a PNG, rendered by the system's headless Chromium through Playwright.

One browser per process, started on first use and closed at shutdown; one reused page per
device (a fresh context per shot costs ~0.6 s, a reused page ~0.1 s). The page runs
no scripts and reaches no network: every request is intercepted, the app's own images are
answered from storage and everything else is refused (external references would stall the page).
"""

import asyncio
import contextlib
import functools
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from fastapi import Request

from app.core.errors import ServiceUnavailable
from app.storage.base import Storage, StorageError

if TYPE_CHECKING:  # playwright is imported lazily so the app starts without it
    from playwright.async_api import Browser, BrowserContext, Page, Playwright, Route

logger = logging.getLogger(__name__)

Device = Literal["desktop", "mobile"]
Theme = Literal["light", "dark"]
# Answers a URL the page asks for with (body, content type), or None to refuse it.
Fetch = Callable[[str], Awaitable[tuple[bytes, str] | None]]

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

    def __init__(self, executable: Path, *, timeout_s: float = 15.0, idle_s: float = 300.0):
        self.executable = executable
        self.timeout_ms = timeout_s * 1000
        self.idle_s = idle_s  # close the browser after this long unused (it holds ~450 MB); 0: never
        self._busy = 0
        self._idle_timer: asyncio.TimerHandle | None = None
        self._idle_task: asyncio.Task[None] | None = None
        self._start_lock = asyncio.Lock()
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        # One page per device (each context is a renderer process of ~100-150 MB); the theme is
        # switched per shot with emulate_media.
        self._pages: dict[str, tuple[BrowserContext, Page, asyncio.Lock]] = {}
        self._fetch: dict[str, Fetch] = {}  # what the page currently rendering may load

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

    async def _page(self, device: Device) -> tuple["Page", asyncio.Lock]:
        key = device
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
            java_script_enabled=False,
        )
        await context.route("**/*", functools.partial(self._serve, key))
        page = await context.new_page()
        lock = asyncio.Lock()
        self._pages[key] = (context, page, lock)
        return page, lock

    async def _serve(self, key: str, route: "Route") -> None:
        fetch = self._fetch.get(key)
        found = await fetch(route.request.url) if fetch is not None else None
        if found is None:
            await route.abort("blockedbyclient")
            return
        body, content_type = found
        # Keys are immutable, so the browser may keep the image for the next proof version.
        await route.fulfill(body=body, content_type=content_type, headers={"Cache-Control": "max-age=3600"})

    async def screenshot(self, html: str, device: Device, theme: Theme, fetch: Fetch | None = None) -> bytes:
        """A full-page PNG of `html` as `device` shows it in `theme`; `fetch` answers its image requests."""
        from playwright.async_api import Error as PlaywrightError

        self._busy += 1
        try:
            page, lock = await self._page(device)
            async with lock:
                self._fetch[device] = fetch or _refuse
                await page.emulate_media(color_scheme=theme)
                await page.set_content(html, wait_until="load", timeout=self.timeout_ms)
                return await page.screenshot(full_page=True, type="png", timeout=self.timeout_ms)
        except PlaywrightError as exc:
            # A crashed or hung browser: drop it so the next request starts a fresh one.
            logger.warning("screenshot failed: %s", exc.message[:200])
            await self.close()
            raise RendererUnavailable("The picture proof could not be rendered; try again.") from exc
        finally:
            self._busy -= 1
            self._arm_idle_timer()

    def _arm_idle_timer(self) -> None:
        if self._idle_timer is not None:
            self._idle_timer.cancel()
        if self.idle_s > 0:
            loop = asyncio.get_running_loop()
            self._idle_timer = loop.call_later(self.idle_s, self._start_idle_close, loop)

    def _start_idle_close(self, loop: asyncio.AbstractEventLoop) -> None:
        self._idle_task = loop.create_task(self._close_if_idle())  # kept so it is not garbage-collected

    async def _close_if_idle(self) -> None:
        async with self._start_lock:
            if self._busy == 0 and self.started:
                logger.info("chromium idle: closing it")
                await self.close()

    async def close(self) -> None:
        """Close pages, browser and driver (app shutdown, idle, or after a crash)."""
        if self._idle_timer is not None:
            self._idle_timer.cancel()
            self._idle_timer = None
        pages, self._pages = self._pages, {}
        browser, self._browser = self._browser, None
        driver, self._playwright = self._playwright, None
        for context, _, _ in pages.values():
            await _quietly(context.close())
        if browser is not None:
            await _quietly(browser.close())
        if driver is not None:
            await _quietly(driver.stop())


async def _refuse(url: str) -> None:
    return None


async def _quietly(awaitable: Any) -> None:
    with contextlib.suppress(Exception):  # closing a browser that is already gone
        await awaitable


def get_proof_renderer(request: Request) -> ProofRenderer:
    renderer: ProofRenderer = request.app.state.proof_renderer
    return renderer


def media_fetcher(storage: Storage, media_base: str) -> Fetch:
    """Answers requests for the app's own images (`<media_base>/<key>`) from storage; refuses the rest."""
    prefix = media_base.rstrip("/") + "/"

    async def fetch(url: str) -> tuple[bytes, str] | None:
        if not url.startswith(prefix):
            return None
        key = url[len(prefix) :].split("?", 1)[0]
        match = _KEY.fullmatch(key)
        if match is None or ".." in key:
            return None
        try:
            data = await storage.get(key)
        except StorageError:
            return None  # shows as a broken image, as it would in the inbox
        return data, _CONTENT_TYPES.get(match.group(1).lower(), "application/octet-stream")

    return fetch


_KEY = re.compile(r"[A-Za-z0-9_./-]+\.([A-Za-z0-9]+)")
