"""GET /uploads/options: how the web app sends a new campaign's files, read once per form.

With S3 storage (moto_server over HTTP) the answer is `direct` and the presigned POST it leads to is
one the bucket takes; with local storage it is multipart to POST /upload. The limits are the ones the
upload checks apply.
"""

import uuid

import httpx

from tests.support.apps import MakeApp
from tests.support.clients import make_client
from tests.support.factories import png
from tests.support.moto import MotoServer

TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"]


async def test_with_s3_storage_the_web_app_is_told_to_send_files_straight_to_the_bucket(
    client: httpx.AsyncClient, make_app: MakeApp, moto_server: MotoServer, s3_bucket: str
):
    async with make_app(
        storage_backend="s3",
        s3_bucket=s3_bucket,
        s3_endpoint_url=moto_server.endpoint_url,
        s3_prefix=f"options-{uuid.uuid4().hex[:8]}",
        aws_region=moto_server.region,
        max_upload_mb=2.0,
    ) as s3_app:
        auth = {"Authorization": client.headers["Authorization"]}
        transport = httpx.ASGITransport(app=s3_app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver", headers=auth) as s3_client:
            r = await s3_client.get("/api/v1/uploads/options")
            assert r.status_code == 200
            assert r.json() == {"direct": True, "max_bytes": 2 * 1024 * 1024, "max_photos": 3, "types": TYPES}

            # Following the answer works: a presigned POST the bucket takes over HTTP.
            wanted = [{"field": "logo", "filename": "logo.png", "content_type": "image/png", "size": len(png())}]
            post = (await s3_client.post("/api/v1/uploads/presign", json={"files": wanted})).json()["uploads"][0]
            file = {"file": ("logo.png", png(), "image/png")}
            async with httpx.AsyncClient(timeout=30) as browser:
                sent = await browser.post(post["url"], data=post["fields"], files=file)
            assert sent.status_code == 204


async def test_with_local_storage_the_web_app_is_told_to_send_multipart(client: httpx.AsyncClient):
    r = await client.get("/api/v1/uploads/options")
    assert r.status_code == 200
    assert r.json() == {"direct": False, "max_bytes": 5 * 1024 * 1024, "max_photos": 3, "types": TYPES}
    # And that path is the one local storage takes: presign would answer 409.
    wanted = [{"field": "logo", "filename": "l.png", "content_type": "image/png", "size": 100}]
    assert (await client.post("/api/v1/uploads/presign", json={"files": wanted})).status_code == 409


async def test_upload_options_need_a_signed_in_user(app: object):
    async with make_client(app) as anonymous:
        r = await anonymous.get("/api/v1/uploads/options")
    assert r.status_code == 401
    assert r.json()["code"] == "not_authenticated"
