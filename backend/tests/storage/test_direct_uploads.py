"""Uploads straight to S3: presigned POSTs to `moto_server` over real HTTP, then checked by the app.

moto accepts any body for a presigned POST (real S3 also enforces the policy's content-length-range
and content type); so an oversize file or a non-image reaches the bucket here, and the app must
refuse it with today's error and remove it.
"""

import uuid
from collections.abc import AsyncIterator
from typing import Any

import boto3
import httpx
import pytest

from tests.support.apps import MakeApp
from tests.support.factories import jpeg, png
from tests.support.moto import MotoServer, signed_in_s3_client

PREFIX = f"direct-{uuid.uuid4().hex[:8]}"
FIELDS = {"campaign_name": "Direct Sale", "advertiser_name": "Hill County Auctions", "text_content": "Estate sale."}


@pytest.fixture(scope="module")
async def s3_app_client(
    app: object,
    client: httpx.AsyncClient,
    make_app: MakeApp,
    moto_server: MotoServer,
    s3_bucket: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[httpx.AsyncClient]:
    async with signed_in_s3_client(
        make_app, client, moto_server, s3_bucket, PREFIX, tmp_path_factory.mktemp("unused-media")
    ) as s3:
        yield s3


def _incoming(server: MotoServer, bucket: str) -> set[str]:
    raw = boto3.client("s3", endpoint_url=server.endpoint_url, region_name=server.region)
    return {o["Key"] for o in raw.list_objects_v2(Bucket=bucket, Prefix="incoming/").get("Contents", [])}


async def _send(client: httpx.AsyncClient, files: list[tuple[str, str, str, bytes]]) -> list[dict[str, Any]]:
    """Presign (declaring at most 1000 bytes: a browser may lie), then POST each file to S3 over HTTP."""
    wanted = [{"field": f, "filename": n, "content_type": t, "size": min(len(d), 1000)} for f, n, t, d in files]
    r = await client.post("/api/v1/uploads/presign", json={"files": wanted})
    assert r.status_code == 200, r.text
    uploads = r.json()["uploads"]
    async with httpx.AsyncClient(timeout=30) as s3:
        for post, (_, name, ctype, data) in zip(uploads, files, strict=True):
            sent = await s3.post(post["url"], data=post["fields"], files={"file": (name, data, ctype)})
            assert sent.status_code == 204, sent.text
    return list(uploads)


async def test_photos_sent_straight_to_s3_become_a_campaign_and_leave_nothing_in_incoming(
    s3_app_client: httpx.AsyncClient, moto_server: MotoServer, s3_bucket: str
):
    before = _incoming(moto_server, s3_bucket)
    logo, hero = await _send(
        s3_app_client,
        [("logo", "logo.png", "image/png", png()), ("hero_images", "lot.jpg", "image/jpeg", jpeg(1600, 1200))],
    )
    assert logo["key"].startswith("incoming/") and logo["key"] in _incoming(moto_server, s3_bucket)
    body = {
        **FIELDS,
        "logo": {"key": logo["key"], "filename": "logo.png"},
        "hero_images": [{"key": hero["key"], "filename": "lot.jpg"}],
    }
    r = await s3_app_client.post("/api/v1/upload/direct", json=body)
    assert r.status_code == 201, r.text
    campaign = r.json()
    assert sorted(a["role"] for a in campaign["assets"]) == ["hero", "logo"]
    assert _incoming(moto_server, s3_bucket) == before
    photo = next(a for a in campaign["assets"] if a["role"] == "hero")
    assert (photo["width"], photo["height"]) == (1200, 900)


@pytest.mark.parametrize(
    ("hero", "status", "code"),
    [
        (
            ("lot.jpg", "image/jpeg", jpeg(3000, 2250, noise=True, quality=95) + b"\0" * 5_300_000),
            413,
            "file_too_large",
        ),
        (("lot.jpg", "image/jpeg", b"<html><script>alert(1)</script></html>" * 20), 415, "unsupported_media_type"),
    ],
    ids=["oversize", "not-an-image"],
)
async def test_a_refused_direct_upload_answers_as_multipart_does_and_is_removed_from_the_bucket(
    s3_app_client: httpx.AsyncClient, moto_server: MotoServer, s3_bucket: str, hero: tuple, status: int, code: str
):
    name, ctype, data = hero
    logo, sent = await _send(
        s3_app_client, [("logo", "logo.png", "image/png", png()), ("hero_images", name, ctype, data)]
    )
    assert sent["key"] in _incoming(moto_server, s3_bucket)  # it did reach the bucket
    body = {
        **FIELDS,
        "logo": {"key": logo["key"], "filename": "logo.png"},
        "hero_images": [{"key": sent["key"], "filename": name}],
    }
    r = await s3_app_client.post("/api/v1/upload/direct", json=body)
    assert r.status_code == status, r.text
    assert r.json()["code"] == code
    assert r.json()["detail"].startswith(f"hero_images[0] ({name})")
    assert not {logo["key"], sent["key"]} & _incoming(moto_server, s3_bucket)


async def test_a_file_declared_too_large_gets_no_upload_form(s3_app_client: httpx.AsyncClient):
    wanted = [{"field": "logo", "filename": "big.png", "content_type": "image/png", "size": 6 * 1024 * 1024}]
    r = await s3_app_client.post("/api/v1/uploads/presign", json={"files": wanted})
    assert r.status_code == 413
    assert r.json() == {"detail": "logo (big.png) is 6.0 MB; each file may be at most 5 MB.", "code": "file_too_large"}


async def test_someone_elses_upload_key_is_refused(s3_app_client: httpx.AsyncClient):
    key = f"incoming/{uuid.uuid4()}/AAAAAAAAAAAAAAAAAAAAAA.png"
    r = await s3_app_client.post("/api/v1/upload/direct", json={**FIELDS, "logo": {"key": key, "filename": "l.png"}})
    assert r.status_code == 422
    assert r.json()["code"] == "invalid_key"


async def test_with_local_storage_direct_uploads_point_to_the_multipart_upload(client: httpx.AsyncClient):
    wanted = [{"field": "logo", "filename": "l.png", "content_type": "image/png", "size": 100}]
    r = await client.post("/api/v1/uploads/presign", json={"files": wanted})
    assert r.status_code == 409
    assert r.json()["code"] == "direct_upload_unavailable"
    assert "POST /api/v1/upload" in r.json()["detail"]
