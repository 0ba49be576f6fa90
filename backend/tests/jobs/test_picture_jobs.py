"""The picture job's own rules, in one process: one render per picture, and messages it refuses."""

import asyncio
import uuid
from pathlib import Path
from typing import Any, cast

from app.core.config import get_settings
from app.proofs.pictures import picture_key_of, render_picture_once
from app.proofs.screenshots import ProofRenderer
from app.storage.local import LocalStorage


class SlowRenderer:
    """Stands in for chromium: a screenshot takes a moment, and every call is counted."""

    def __init__(self) -> None:
        self.calls = 0

    async def screenshot(self, html: str, device: str, theme: str, fetch: Any = None) -> bytes:
        self.calls += 1
        await asyncio.sleep(0.2)
        return b"\x89PNG\r\n\x1a\n" + html.encode()


async def test_two_jobs_for_one_picture_render_it_once(tmp_path: Path):
    storage = LocalStorage(tmp_path, "http://app.test")
    html_key = f"campaigns/{uuid.uuid4()}/proofs/abcDEF_12-3.html"
    await storage.put(html_key, b"<p>Spring Consignment</p>", "text/html")
    renderer = SlowRenderer()
    chromium = cast(ProofRenderer, renderer)
    run = [render_picture_once(storage, get_settings(), chromium, html_key, "mobile", "dark") for _ in range(3)]
    outcomes = await asyncio.gather(*run)
    assert sorted(outcomes) == ["made", "skipped", "skipped"]
    assert renderer.calls == 1
    stored = await storage.get(picture_key_of(html_key, "mobile", "dark"))
    assert stored.startswith(b"\x89PNG") and b"Spring Consignment" in stored
    # Later (a replayed dead letter): still nothing rendered again.
    again = await render_picture_once(storage, get_settings(), chromium, html_key, "mobile", "dark")
    assert again == "skipped" and renderer.calls == 1


async def test_a_message_the_web_never_writes_renders_nothing(tmp_path: Path):
    storage = LocalStorage(tmp_path, "http://app.test")
    renderer = SlowRenderer()
    chromium, settings = cast(ProofRenderer, renderer), get_settings()
    gone = f"campaigns/{uuid.uuid4()}/proofs/deleted.html"
    outcomes = [
        await render_picture_once(storage, settings, chromium, "../../etc/passwd", "desktop", "light"),
        await render_picture_once(storage, settings, chromium, gone, "tablet", "light"),
        await render_picture_once(storage, settings, chromium, gone, "desktop", "light"),
    ]
    assert outcomes == ["refused", "refused", "proof_gone"]
    assert renderer.calls == 0
    assert not await storage.exists(picture_key_of(gone, "desktop", "light"))
