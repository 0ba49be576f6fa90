"""The whole pipeline with STORAGE_BACKEND=s3: upload → process → generate → preview → approve → download.

A second app instance, on the suite's database, stores every file in a bucket on
`moto_server` (real HTTP). Nothing touches the local media folder.
"""

import io
import re
import uuid
import zipfile
from collections.abc import AsyncIterator
from pathlib import Path

import boto3
import httpx
import pytest

from app.core.config import Settings
from tests.support.apps import MakeApp
from tests.support.clients import make_client, sign_in
from tests.support.factories import UploadBuilder, jpeg
from tests.support.moto import MotoServer, fetch, free_port, signed_in_s3_client

PREFIX = f"pipeline-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="module")
async def s3_client(
    app: object,
    client: httpx.AsyncClient,
    make_app: MakeApp,
    moto_server: MotoServer,
    s3_bucket: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[httpx.AsyncClient]:
    # `app` first: on PostgreSQL it resets the schema this instance then shares.
    async with signed_in_s3_client(
        make_app, client, moto_server, s3_bucket, PREFIX, tmp_path_factory.mktemp("unused-media")
    ) as s3:
        yield s3


def bucket_keys(server: MotoServer, bucket: str) -> set[str]:
    raw = boto3.client("s3", endpoint_url=server.endpoint_url, region_name=server.region)
    pages = raw.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=f"{PREFIX}/")
    return {obj["Key"] for page in pages for obj in page.get("Contents", [])}


async def test_pipeline_stores_everything_in_s3(
    s3_client: httpx.AsyncClient, moto_server: MotoServer, s3_bucket: str, settings: Settings
):
    uploads = UploadBuilder(s3_client)
    heroes = [(f"h{i}.jpg", jpeg(1600, 1200), "image/jpeg") for i in range(2)]
    created = await uploads.create(campaign_name="S3 Estate Sale", heroes=heroes)
    cid = created["id"]
    assert (await s3_client.post(f"/api/v1/process/{cid}")).status_code == 200
    proof = await s3_client.post(f"/api/v1/generate/{cid}")
    assert proof.status_code == 201, proof.text
    keys = bucket_keys(moto_server, s3_bucket)
    assert all(k.startswith(f"{PREFIX}/campaigns/{cid}/") for k in keys)
    # logo + 2 photos, each as original and email rendition (the photos' made in the background)
    assets = (await s3_client.get(f"/api/v1/campaigns/{cid}")).json()["assets"]
    stored = {f"{PREFIX}/{a[field].split('/media/')[1]}" for a in assets for field in ("url", "original_url")}
    assert len(stored) == 6 and stored <= keys
    preview = await s3_client.get(f"/api/v1/preview/{cid}", params={"format": "html"})
    assert preview.status_code == 200 and "S3 Estate Sale" in preview.text
    approve = await s3_client.post(f"/api/v1/approve/{cid}", json={"decision": "approve"})
    assert approve.status_code == 200, approve.text

    download = await s3_client.get(f"/api/v1/download/{cid}")
    assert download.status_code == 200
    assert download.headers["content-disposition"] == 'attachment; filename="s3-estate-sale-v1.zip"'
    zf = zipfile.ZipFile(io.BytesIO(download.content))
    assert zf.testzip() is None
    names = set(zf.namelist())
    assert {"email.html", "images/hero-1.jpg", "images/hero-2.jpg"} <= names
    used = set(re.findall(r'src="(images/[^"]+)"', zf.read("email.html").decode()))
    assert used and used <= names  # every image the email shows is in the package (the logo included)
    assert zf.read("images/hero-1.jpg")[:2] == b"\xff\xd8"
    assert any("/packages/" in k or k.endswith(".zip") for k in bucket_keys(moto_server, s3_bucket))
    assert not any(p.is_file() for p in settings.media_root.glob(f"campaigns/{cid}/**/*"))


async def test_media_links_redirect_to_presigned_urls(s3_client: httpx.AsyncClient):
    created = await UploadBuilder(s3_client).create()
    logo = next(a for a in created["assets"] if a["role"] == "logo")
    assert logo["url"].startswith("http://testserver/media/campaigns/")

    r = await s3_client.get(logo["url"].removeprefix("http://testserver"))
    assert r.status_code == 307
    assert "X-Amz-Signature=" in r.headers["location"]
    assert "max-age" in r.headers["cache-control"]
    image = await fetch(r.headers["location"])  # the email client's next hop, over real HTTP
    assert image.status_code == 200
    assert image.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert image.headers["content-type"] == "image/png"


async def test_media_route_refuses_keys_outside_campaigns(s3_client: httpx.AsyncClient):
    for path in ("/media/backups/hibid-pg.dump", "/media/campaigns/../backups/x"):
        r = await s3_client.get(path)
        assert r.status_code == 404
        assert r.json()["code"] == "media_not_found"


async def test_readiness_checks_the_bucket(s3_client: httpx.AsyncClient):
    r = await s3_client.get("/health/ready")
    assert r.status_code == 200
    assert r.json()["storage"] == "ok"


async def test_missing_package_is_a_404_not_a_broken_download(
    s3_client: httpx.AsyncClient, moto_server: MotoServer, s3_bucket: str
):
    cid = (await UploadBuilder(s3_client).approved())["id"]
    raw = boto3.client("s3", endpoint_url=moto_server.endpoint_url, region_name=moto_server.region)
    for key in bucket_keys(moto_server, s3_bucket):
        if f"/campaigns/{cid}/packages/" in key:
            raw.delete_object(Bucket=s3_bucket, Key=key)
    r = await s3_client.get(f"/api/v1/download/{cid}")
    assert r.status_code == 404
    assert r.json()["code"] == "package_missing"


async def test_storage_down_answers_503_and_keeps_nothing(
    app: object, make_app: MakeApp, tmp_path: Path, moto_server: MotoServer
):
    async with (
        make_app(
            storage_backend="s3",
            s3_bucket="any-bucket",
            s3_endpoint_url=f"http://127.0.0.1:{free_port()}",  # nothing listens there
            s3_max_attempts=1,
            media_root=tmp_path,
        ) as down_app,
        make_client(down_app, await sign_in(down_app, "s3-down@example.com")) as c,
    ):
        r = await UploadBuilder(c).post()
        assert r.status_code == 503
        assert r.json() == {
            "detail": "The file storage is not reachable right now. Try again in a minute.",
            "code": "storage_unavailable",
        }
        assert r.headers["retry-after"] == "30"
        assert (await c.get("/api/v1/campaigns")).json()["total"] == 0
        ready = await c.get("/health/ready")
        assert ready.status_code == 503 and ready.json()["code"] == "storage_unavailable"
