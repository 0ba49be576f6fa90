"""PUBLIC_ASSET_URL: an approved email's hosted HTML loads its images from the CDN, not from the app.

Approval copies each image the email shows to `public/<key>` in the bucket (on `moto_server`, real
HTTP), cacheable for a year, and email-hosted.html links `PUBLIC_ASSET_URL/<key>`.
"""

import io
import re
import uuid
import zipfile
from collections.abc import AsyncIterator

import boto3
import httpx
import pytest

from tests.support.apps import MakeApp
from tests.support.factories import UploadBuilder, jpeg
from tests.support.moto import MotoServer

PREFIX = f"cdn-{uuid.uuid4().hex[:8]}"
CDN = "https://img.email.example.com"


@pytest.fixture(scope="module")
async def cdn_client(
    app: object,
    client: httpx.AsyncClient,
    make_app: MakeApp,
    moto_server: MotoServer,
    s3_bucket: str,
    tmp_path_factory,
) -> AsyncIterator[httpx.AsyncClient]:
    async with make_app(
        storage_backend="s3",
        s3_bucket=s3_bucket,
        s3_endpoint_url=moto_server.endpoint_url,
        s3_prefix=PREFIX,
        aws_region=moto_server.region,
        media_root=tmp_path_factory.mktemp("unused-media"),
        public_asset_url=CDN + "/",
    ) as cdn_app:
        transport = httpx.ASGITransport(app=cdn_app)
        auth = {"Authorization": client.headers["Authorization"]}
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver", headers=auth) as c:
            yield c


async def test_approved_email_links_its_images_on_the_cdn_cached_for_a_year(
    cdn_client: httpx.AsyncClient, moto_server: MotoServer, s3_bucket: str
):
    heroes = [(f"h{i}.jpg", jpeg(1600, 1200), "image/jpeg") for i in range(2)]
    cid = (await UploadBuilder(cdn_client).approved(heroes=heroes))["id"]
    download = await cdn_client.get(f"/api/v1/download/{cid}")
    assert download.status_code == 200, download.text
    zf = zipfile.ZipFile(io.BytesIO(download.content))
    hosted = zf.read("email-hosted.html").decode()
    sources = re.findall(r'<img[^>]+src="([^"]+)"', hosted)
    assert sources, hosted[:500]
    assert all(src.startswith(f"{CDN}/campaigns/{cid}/") for src in sources), sources
    assert "/media/" not in hosted
    # The ZIP's own email.html still carries the images beside it.
    assert all(
        src.startswith("images/") for src in re.findall(r'<img[^>]+src="([^"]+)"', zf.read("email.html").decode())
    )

    s3 = boto3.client("s3", endpoint_url=moto_server.endpoint_url, region_name=moto_server.region)
    for src in set(sources):
        key = src.removeprefix(f"{CDN}/")
        public = s3.get_object(Bucket=s3_bucket, Key=f"public/{key}")
        assert public["CacheControl"] == "public, max-age=31536000, immutable"
        assert public["ContentType"].startswith("image/")
        private = s3.get_object(Bucket=s3_bucket, Key=f"{PREFIX}/{key}")
        assert public["Body"].read() == private["Body"].read()  # the same file the app serves, not a re-render
