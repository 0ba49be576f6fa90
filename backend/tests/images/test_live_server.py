"""What a real server process does under hostile images: its peak memory, and sign-ins meanwhile."""

import asyncio
import time
from pathlib import Path

import httpx
import pytest

from tests.images.hostile_files import big_rgba_png, tiny_frame_gif
from tests.support.live_server import PASSWORD, live_server

MB = 1024


@pytest.fixture(scope="module")
def huge_png() -> bytes:
    data = big_rgba_png(6320)
    assert len(data) < 400_000  # small on the wire; 160 MB once decoded
    return data


async def _upload(client: httpx.AsyncClient, token: str, images: list[tuple[str, bytes, str]]) -> httpx.Response:
    files = [("logo", images[0])] + [("hero_images", image) for image in images[1:]]
    data = {"campaign_name": "Spring Consignment", "advertiser_name": "Hill County Auctions", "text_content": ""}
    return await client.post("/api/v1/upload", data=data, files=files, headers={"Authorization": f"Bearer {token}"})


async def test_four_uploads_of_four_huge_pngs_keep_peak_memory_under_600_mb(tmp_path: Path, huge_png: bytes):
    with live_server(tmp_path) as server:
        tokens = [server.token(f"mem{i}@example.com") for i in range(4)]
        before = server.status_kb("VmRSS")
        images = [(f"p{i}.png", huge_png, "image/png") for i in range(4)]
        started = time.perf_counter()
        async with httpx.AsyncClient(base_url=server.base_url, timeout=300) as client:
            answers = await asyncio.gather(*(_upload(client, token, images) for token in tokens))
        elapsed = time.perf_counter() - started
        peak = server.status_kb("VmHWM")
    print(f"RSS before {before // MB} MB, peak {peak // MB} MB, 4 uploads in {elapsed:.1f} s")
    assert [r.status_code for r in answers] == [201] * 4, [r.text[:300] for r in answers]
    assert peak < 600 * MB, f"peak RSS {peak // MB} MB (before the uploads: {before // MB} MB)"


async def test_sign_in_during_an_upload_of_four_hostile_gifs_answers_within_a_second(tmp_path: Path):
    gif = tiny_frame_gif(200, 1000)  # 4.6 KB, 200 frames on a 1000×1000 canvas
    with live_server(tmp_path) as server:
        uploader, reader = server.token("gifs@example.com"), server.token("reader@example.com")
        del reader
        async with httpx.AsyncClient(base_url=server.base_url, timeout=120) as client:
            upload = asyncio.ensure_future(
                _upload(client, uploader, [(f"a{i}.gif", gif, "image/gif") for i in range(4)])
            )
            await asyncio.sleep(0.05)
            started = time.perf_counter()
            login = await client.post(
                "/api/v1/auth/login", data={"username": "reader@example.com", "password": PASSWORD}
            )
            elapsed = time.perf_counter() - started
            refused = await upload
    assert login.status_code == 200, login.text
    assert elapsed < 1.0, f"sign-in took {elapsed:.2f} s"
    assert refused.status_code == 422 and refused.json()["code"] == "animation_too_large"
