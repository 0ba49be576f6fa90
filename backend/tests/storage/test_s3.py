"""What only the S3 backend does: presigned links, the key prefix, an unreachable bucket."""

import uuid

import boto3
import pytest

from app.storage.base import StorageError, new_key
from app.storage.s3 import S3Storage, attachment_disposition
from tests.support.moto import MotoServer, fetch, s3_settings


async def test_presigned_url_serves_the_object(moto_server: MotoServer, s3_bucket: str):
    storage = S3Storage(s3_settings(moto_server, s3_bucket, presigned_url_ttl_s=600))
    key = new_key(uuid.uuid4(), "email", "png")
    try:
        await storage.put(key, b"\x89PNG fake", "image/png")
        url = await storage.url(key)
        assert "X-Amz-Expires=600" in url and "X-Amz-Signature=" in url
        r = await fetch(url)
        assert r.status_code == 200
        assert r.content == b"\x89PNG fake"
        assert r.headers["content-type"] == "image/png"
    finally:
        await storage.close()


async def test_presigned_download_url_is_an_attachment(moto_server: MotoServer, s3_bucket: str):
    storage = S3Storage(s3_settings(moto_server, s3_bucket))
    key = new_key(uuid.uuid4(), "packages", "zip")
    try:
        await storage.put(key, b"PK zip", "application/zip")
        r = await fetch(await storage.url(key, download_name='winter "sale"\r\nX-Evil: 1.zip'))
        assert r.status_code == 200
        assert r.headers["content-disposition"] == 'attachment; filename="winter _sale_X-Evil_ 1.zip"'
    finally:
        await storage.close()


async def test_prefix_is_applied_to_every_key(moto_server: MotoServer, s3_bucket: str):
    storage = S3Storage(s3_settings(moto_server, s3_bucket, s3_prefix="/tenant-a/"))
    key = new_key(uuid.uuid4(), "email", "jpg")
    try:
        await storage.put(key, b"jpeg", "image/jpeg")
        raw = boto3.client("s3", endpoint_url=moto_server.endpoint_url, region_name=moto_server.region)
        assert raw.get_object(Bucket=s3_bucket, Key=f"tenant-a/{key}")["Body"].read() == b"jpeg"
        assert f"/tenant-a/{key}" in await storage.url(key)
    finally:
        await storage.close()


async def test_missing_bucket_fails_the_check(moto_server: MotoServer):
    storage = S3Storage(s3_settings(moto_server, "no-such-bucket-here"))
    try:
        with pytest.raises(StorageError):
            await storage.check()
        with pytest.raises(StorageError):
            await storage.put("campaigns/x/email/a.png", b"x", "image/png")
    finally:
        await storage.close()


async def test_client_reopens_after_close(moto_server: MotoServer, s3_bucket: str):
    storage = S3Storage(s3_settings(moto_server, s3_bucket))
    await storage.check()
    await storage.close()
    await storage.check()  # a closed storage opens a new client on next use
    await storage.close()
    await storage.close()  # closing twice is harmless


def test_s3_needs_a_bucket(moto_server: MotoServer):
    with pytest.raises(ValueError, match="S3_BUCKET"):
        S3Storage(s3_settings(moto_server, ""))


def test_attachment_name_cannot_break_the_header():
    assert attachment_disposition("") == 'attachment; filename="download"'
    assert attachment_disposition("ok-v1.zip") == 'attachment; filename="ok-v1.zip"'
