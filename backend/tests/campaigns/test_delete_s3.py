"""Deleting a campaign whose files live in S3 (moto_server over real HTTP): every object goes."""

import uuid
from collections.abc import AsyncIterator

import boto3
import httpx
import pytest

from tests.support.apps import MakeApp
from tests.support.factories import UploadBuilder, jpeg
from tests.support.moto import MotoServer, fetch, signed_in_s3_client

PREFIX = f"delete-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="module")
async def s3_client(
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


def campaign_keys(server: MotoServer, bucket: str, cid: str) -> set[str]:
    raw = boto3.client("s3", endpoint_url=server.endpoint_url, region_name=server.region)
    pages = raw.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=f"{PREFIX}/campaigns/{cid}/")
    return {obj["Key"] for page in pages for obj in page.get("Contents", [])}


async def test_delete_removes_every_object_from_s3_and_media_answers_404(
    s3_client: httpx.AsyncClient,
    moto_server: MotoServer,
    s3_bucket: str,
):
    uploads = UploadBuilder(s3_client)
    heroes = [(f"h{i}.jpg", jpeg(1600, 1200), "image/jpeg") for i in range(2)]
    cid = (await uploads.approved(heroes=heroes))["id"]
    await s3_client.get(f"/api/v1/preview/{cid}", params={"format": "png"})  # a picture proof, if chromium is here
    keys = campaign_keys(moto_server, s3_bucket, cid)
    kinds = {k.split(f"/campaigns/{cid}/")[1].split("/")[0] for k in keys}
    assert {"originals", "email", "proofs", "packages"} <= kinds and len(keys) >= 8
    assets = (await s3_client.get(f"/api/v1/campaigns/{cid}")).json()["assets"]
    media = [a[field] for a in assets for field in ("url", "original_url")]
    before = await s3_client.get(media[0])
    assert before.status_code == 307 and (await fetch(before.headers["location"])).status_code == 200

    assert (await s3_client.delete(f"/api/v1/campaigns/{cid}")).status_code == 204
    assert campaign_keys(moto_server, s3_bucket, cid) == set()
    for url in media:
        r = await s3_client.get(url)
        assert r.status_code == 404 and r.json()["code"] == "media_not_found"
    # A presigned URL handed out before the delete leads nowhere either.
    assert (await fetch(before.headers["location"])).status_code == 404
