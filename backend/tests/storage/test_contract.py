"""The storage contract: put, get, stream, exists, delete, url, check."""

import os
import uuid

import pytest

from app.storage.base import ObjectNotFound, Storage, StorageError, new_key


async def test_round_trip(storage: Storage):
    key = new_key(uuid.uuid4(), "email", "jpg")
    data = b"\xff\xd8" + bytes(range(256)) * 2000
    await storage.put(key, data, "image/jpeg")
    assert await storage.exists(key)
    assert await storage.get(key) == data
    assert b"".join([chunk async for chunk in storage.stream(key, chunk_size=1000)]) == data
    assert key in await storage.url(key)
    await storage.delete(key)
    assert not await storage.exists(key)
    with pytest.raises(ObjectNotFound):
        await storage.get(key)
    await storage.delete(key)  # deleting twice is fine


async def test_overwrite_replaces_content(storage: Storage):
    key = new_key(uuid.uuid4(), "proofs", "html")
    await storage.put(key, b"one", "text/html")
    await storage.put(key, b"two", "text/html")
    assert await storage.get(key) == b"two"


async def test_missing_object_stream_raises(storage: Storage):
    with pytest.raises(ObjectNotFound):
        async for _ in storage.stream("campaigns/none/email/missing.jpg"):
            pass


async def test_check_passes_when_reachable(storage: Storage):
    await storage.check()


def test_keys_are_unguessable_and_scoped():
    cid = uuid.uuid4()
    a, b = new_key(cid, "email", "png"), new_key(cid, "email", "png")
    assert a != b and a.startswith(f"campaigns/{cid}/email/") and a.endswith(".png")
    assert len(a.rsplit("/", 1)[1]) >= 22


async def test_local_rejects_keys_that_escape_the_root(tmp_path):
    from app.storage.local import LocalStorage

    local = LocalStorage(tmp_path / "m", "http://x")
    with pytest.raises(StorageError):
        await local.put("../outside.txt", b"x", "text/plain")
    assert not (tmp_path / "outside.txt").exists()


async def test_keys_that_escape_are_refused(storage: Storage):
    for key in ("../outside.txt", "campaigns/../../outside.txt", "/abs.txt", ""):
        with pytest.raises(StorageError):
            await storage.put(key, b"x", "text/plain")


async def test_stream_reads_in_chunks(storage: Storage):
    key = new_key(uuid.uuid4(), "packages", "zip")
    data = bytes(range(256)) * 4096  # 1 MiB
    await storage.put(key, data, "application/zip")
    chunks = [chunk async for chunk in storage.stream(key, chunk_size=64 * 1024)]
    assert b"".join(chunks) == data
    assert len(chunks) >= 16 and max(len(c) for c in chunks) <= 64 * 1024


async def test_large_object_round_trips_byte_for_byte(storage: Storage):
    """Photos of several MB are written in slices: every byte must come back, in order."""
    key = new_key(uuid.uuid4(), "originals", "jpg")
    data = os.urandom(3 * 1024 * 1024 + 12345)
    await storage.put(key, data, "image/jpeg")
    assert await storage.get(key) == data
