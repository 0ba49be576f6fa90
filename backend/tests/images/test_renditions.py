"""Photo renditions made in the background: the upload answers first, nothing downstream notices."""

import asyncio
import io
import threading
import uuid
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from PIL import Image
from sqlalchemy import update

from app.campaigns import renditions
from app.campaigns.models import Campaign
from app.core.clock import utcnow
from app.core.config import Settings
from app.core.workers import configure_workers
from app.images.codec import ImageRejected, render_photo
from tests.support.factories import UploadBuilder, jpeg, png


class Gate:
    """Holds every photo rendition until released, so a test sees the moments in between."""

    def __init__(self) -> None:
        self.open = threading.Event()
        self.calls = 0

    def __call__(self, original: bytes, width: int, height: int) -> bytes:
        self.calls += 1
        assert self.open.wait(10), "rendition never released"
        return render_photo(original, width, height)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Gate:
    g = Gate()
    monkeypatch.setattr(renditions, "render_photo", g)
    return g


@pytest.fixture
def one_photo_thread() -> Iterator[None]:
    """A single photo thread, so one held rendition keeps every later one queued."""
    configure_workers(2, image_workers=1)
    yield
    configure_workers(4)


def _photo(body: dict) -> dict:
    return next(a for a in body["assets"] if a["role"] == "hero")


def _rendition_key(body: dict) -> str:
    return str(_photo(body)["url"].split("/media/")[1])


async def test_upload_answers_before_the_rendition_and_the_link_waits_for_it(
    uploads: UploadBuilder, client: httpx.AsyncClient, gate: Gate
):
    body = await uploads.create(heroes=[("lot.jpg", jpeg(4000, 3000), "image/jpeg")])
    photo = _photo(body)
    # Answered while the rendition is still held back: its size is promised, its weight not known yet.
    assert (photo["width"], photo["height"], photo["bytes"]) == (1200, 900, 0)
    assert not renditions._jobs[_rendition_key(body)].task.done()

    fetch = asyncio.ensure_future(client.get(photo["url"].replace("http://testserver", "")))
    await asyncio.sleep(0.2)
    assert not fetch.done()  # the link waits instead of answering 404
    gate.open.set()
    r = await fetch
    assert r.status_code == 200
    assert Image.open(io.BytesIO(r.content)).size == (1200, 900)

    detail = (await client.get(f"/api/v1/campaigns/{body['id']}")).json()
    assert _photo(detail)["bytes"] == len(r.content)  # recorded once the rendition is stored
    assert gate.calls == 1  # made once, not again by the link


async def test_generate_waits_for_renditions_under_way(uploads: UploadBuilder, client: httpx.AsyncClient, gate: Gate):
    body = await uploads.create(heroes=[("lot.jpg", jpeg(3000, 2000), "image/jpeg")])
    cid = body["id"]
    assert (await client.post(f"/api/v1/process/{cid}")).status_code == 200
    proof = asyncio.ensure_future(client.post(f"/api/v1/generate/{cid}"))
    await asyncio.sleep(0.2)
    assert not proof.done()
    gate.open.set()
    r = await proof
    assert r.status_code == 201, r.text
    assert not [w for w in r.json()["warnings"] if "missing" in str(w).lower()]
    assert gate.calls == 1


async def test_an_upload_does_not_wait_behind_other_advertisers_photos(
    uploads: UploadBuilder, gate: Gate, one_photo_thread: None
):
    """With every photo thread busy on earlier uploads' renditions, the next upload still answers."""
    try:
        await uploads.create(heroes=[("first.jpg", jpeg(4000, 3000), "image/jpeg")])  # holds the photo thread
        # A logo and a PNG photo are finished within the upload itself: that work must not queue behind.
        body = await asyncio.wait_for(uploads.create(heroes=[("plan.png", png(1600, 1000), "image/png")]), 5)
        assert _photo(body)["bytes"] > 0 and _photo(body)["width"] == 1200
    finally:
        gate.open.set()


async def test_a_step_waiting_for_a_queued_photo_makes_it_without_queueing(
    uploads: UploadBuilder, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, one_photo_thread: None
):
    """All photo threads busy with other uploads: generate does not wait its turn behind them."""
    held = threading.Event()

    def busy_with_others(original: bytes, width: int, height: int) -> bytes:
        if height == 900:  # the earlier upload's 4000×3000 photo: keeps the only photo thread busy
            assert held.wait(10)
        return render_photo(original, width, height)

    monkeypatch.setattr(renditions, "render_photo", busy_with_others)
    try:
        await uploads.create(heroes=[("first.jpg", jpeg(4000, 3000), "image/jpeg")])
        body = await uploads.create(heroes=[("mine.jpg", jpeg(3000, 2000), "image/jpeg")])
        key = _rendition_key(body)
        queued = renditions._jobs[key].task
        assert queued is not None and not queued.done()  # queued behind the first upload's photo
        cid = body["id"]
        assert (await client.post(f"/api/v1/process/{cid}")).status_code == 200
        r = await asyncio.wait_for(client.post(f"/api/v1/generate/{cid}"), timeout=5)
        assert r.status_code == 201, r.text
        image = await client.get(f"/media/{key}")
        assert Image.open(io.BytesIO(image.content)).size == (1200, 800)
    finally:
        held.set()
    # The queued job, once a thread is free, finds the work done and only records it.
    assert await asyncio.wait_for(queued, timeout=5) == len(image.content)
    detail = (await client.get(f"/api/v1/campaigns/{cid}")).json()
    assert _photo(detail)["bytes"] == len(image.content)


async def test_a_lost_rendition_is_made_by_the_step_that_needs_it(
    uploads: UploadBuilder, client: httpx.AsyncClient, gate: Gate, settings: Settings, monkeypatch: pytest.MonkeyPatch
):
    """A restart between upload and generate loses the job; generate makes the rendition itself."""
    monkeypatch.setattr(settings, "rendition_wait_s", 0.2)
    body = await uploads.create(heroes=[("lot.jpg", jpeg(4000, 3000), "image/jpeg")])
    key = _rendition_key(body)
    renditions._jobs.pop(key).task.cancel()  # as if the process had died
    gate.open.set()
    cid = body["id"]
    assert (await client.post(f"/api/v1/process/{cid}")).status_code == 200
    assert (await client.post(f"/api/v1/generate/{cid}")).status_code == 201
    r = await client.get(f"/media/{key}")
    assert r.status_code == 200 and Image.open(io.BytesIO(r.content)).size == (1200, 900)


async def test_after_a_restart_a_lost_rendition_is_made_without_waiting(
    uploads: UploadBuilder, client: httpx.AsyncClient, gate: Gate, settings: Settings, app: Any, monkeypatch: Any
):
    """Long after its upload, a missing rendition is no one's job any more: no reader waits for it."""
    monkeypatch.setattr(settings, "rendition_wait_s", 30)
    body = await uploads.create(heroes=[("lot.jpg", jpeg(4000, 3000), "image/jpeg")])
    cid, key = body["id"], _rendition_key(body)
    renditions._jobs.pop(key).task.cancel()  # as if the process had died...
    gate.open.set()
    async with app.state.services.sessionmaker() as session:  # ...a minute ago, after the upload
        a_minute_ago = utcnow() - timedelta(minutes=1)
        await session.execute(update(Campaign).where(Campaign.id == uuid.UUID(cid)).values(created_at=a_minute_ago))
        await session.commit()
    assert (await client.post(f"/api/v1/process/{cid}")).status_code == 200
    r = await asyncio.wait_for(client.post(f"/api/v1/generate/{cid}"), timeout=10)  # not after 30 s
    assert r.status_code == 201, r.text
    assert (await client.get(f"/media/{key}")).status_code == 200


async def test_a_photo_that_cannot_be_decoded_is_reported_at_generate(
    uploads: UploadBuilder, client: httpx.AsyncClient, settings: Settings, monkeypatch: pytest.MonkeyPatch
):
    def broken(original: bytes, width: int, height: int) -> bytes:
        raise ImageRejected("The image is damaged or incomplete.", "corrupt_image")

    monkeypatch.setattr(renditions, "render_photo", broken)
    monkeypatch.setattr(settings, "rendition_wait_s", 0.2)
    body = await uploads.create(heroes=[("smashed.jpg", jpeg(4000, 3000), "image/jpeg")])
    cid = body["id"]
    assert (await client.post(f"/api/v1/process/{cid}")).status_code == 200
    r = await client.post(f"/api/v1/generate/{cid}")
    assert r.status_code == 422
    assert r.json()["code"] == "corrupt_image" and "smashed.jpg" in r.json()["detail"]
    detail = (await client.get(f"/api/v1/campaigns/{cid}")).json()
    assert detail["status"] == "processed"  # nothing recorded, the copy is kept


async def test_a_media_link_seen_ready_keeps_working_without_the_database(uploads: UploadBuilder, app: Any, gate: Gate):
    """A sent email's photo is opened by many readers: once ready, its link needs no database query."""
    body = await uploads.create(heroes=[("lot.jpg", jpeg(4000, 3000), "image/jpeg")])
    key = _rendition_key(body)
    gate.open.set()
    services = app.state.services
    await renditions.ensure_rendition_for_key(services.sessionmaker, services.storage, key, wait_s=5)
    assert await services.storage.exists(key)

    def database_down() -> Any:
        raise ConnectionError("database unreachable")

    await renditions.ensure_rendition_for_key(database_down, services.storage, key, wait_s=5)  # type: ignore[arg-type]
    other = await uploads.create(heroes=[("next.jpg", jpeg(4000, 3000), "image/jpeg")])
    with pytest.raises(ConnectionError):  # a link not seen yet still asks the database
        await renditions.ensure_rendition_for_key(
            database_down,  # type: ignore[arg-type]
            services.storage,
            _rendition_key(other),
            wait_s=5,
        )
