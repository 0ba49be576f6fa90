"""Storage in an S3 bucket (AWS, or MinIO/moto through S3_ENDPOINT_URL), with presigned URLs."""

import asyncio
import contextlib
import re
from collections.abc import AsyncIterator
from typing import Any

import aioboto3
from aiobotocore.config import AioConfig
from botocore.exceptions import BotoCoreError, ClientError

from app.core.config import Settings
from app.storage.base import PUBLIC_CACHE_CONTROL, PUBLIC_PREFIX, ObjectNotFound, StorageError

_MISSING = {"404", "NoSuchKey", "NotFound"}
_UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9._ -]+")


def _is_missing(exc: ClientError) -> bool:
    return str(exc.response.get("Error", {}).get("Code", "")) in _MISSING


def attachment_disposition(filename: str) -> str:
    """`attachment; filename="..."` with a name that cannot break the header."""
    safe = _UNSAFE_FILENAME.sub("_", filename).strip() or "download"
    return f'attachment; filename="{safe}"'


class S3Storage:
    """Objects in `S3_BUCKET` under `S3_PREFIX`; URLs are presigned GETs valid for PRESIGNED_URL_TTL_S.

    One client (one connection pool) lives as long as the app: opened on first use,
    closed by `close()` at shutdown. botocore retries throttling and 5xx answers
    (standard mode, bounded attempts) before an error reaches the caller.
    """

    def __init__(self, settings: Settings):
        if not settings.s3_bucket:
            raise ValueError("STORAGE_BACKEND=s3 needs S3_BUCKET")
        self.bucket = settings.s3_bucket
        self.prefix = settings.s3_prefix.strip("/")
        self.endpoint_url = settings.s3_endpoint_url
        self.region = settings.aws_region
        self.url_ttl_s = settings.presigned_url_ttl_s
        self._config = AioConfig(
            region_name=settings.aws_region,
            signature_version="s3v4",
            retries={"mode": "standard", "max_attempts": settings.s3_max_attempts},
            connect_timeout=3,
            read_timeout=20,
            max_pool_connections=32,
            # MinIO and moto serve buckets as paths; AWS prefers virtual hosts.
            s3={"addressing_style": "path" if settings.s3_endpoint_url else "virtual"},
        )
        self._session = aioboto3.Session()
        self._client: Any = None
        self._stack: contextlib.AsyncExitStack | None = None
        self._lock = asyncio.Lock()

    def object_key(self, key: str) -> str:
        """The bucket key of a storage key: S3_PREFIX/key; refuses keys that could escape the prefix."""
        parts = key.split("/")
        if not key or key.startswith("/") or any(p in ("", ".", "..") for p in parts):
            raise StorageError("invalid key")
        return f"{self.prefix}/{key}" if self.prefix else key

    async def _s3(self) -> Any:
        if self._client is None:
            async with self._lock:
                if self._client is None:
                    stack = contextlib.AsyncExitStack()
                    self._client = await stack.enter_async_context(
                        self._session.client("s3", endpoint_url=self.endpoint_url, config=self._config)
                    )
                    self._stack = stack
        return self._client

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        s3 = await self._s3()
        try:
            await s3.put_object(Bucket=self.bucket, Key=self.object_key(key), Body=data, ContentType=content_type)
        except (BotoCoreError, ClientError) as exc:
            raise StorageError(f"could not store {key}") from exc

    async def get(self, key: str) -> bytes:
        s3 = await self._s3()
        try:
            response = await s3.get_object(Bucket=self.bucket, Key=self.object_key(key))
            body = response["Body"]
            async with body:  # returns the connection to the pool
                data: bytes = await body.read()
                return data
        except ClientError as exc:
            if _is_missing(exc):
                raise ObjectNotFound(key) from exc
            raise StorageError(f"could not read {key}") from exc
        except BotoCoreError as exc:
            raise StorageError(f"could not read {key}") from exc

    async def stream(self, key: str, chunk_size: int = 256 * 1024) -> AsyncIterator[bytes]:
        """The object in chunks: only one chunk is in memory at a time."""
        s3 = await self._s3()
        try:
            response = await s3.get_object(Bucket=self.bucket, Key=self.object_key(key))
        except ClientError as exc:
            if _is_missing(exc):
                raise ObjectNotFound(key) from exc
            raise StorageError(f"could not read {key}") from exc
        except BotoCoreError as exc:
            raise StorageError(f"could not read {key}") from exc
        body = response["Body"]
        async with body:  # also when the consumer stops early: the connection goes back to the pool
            while chunk := await body.read(chunk_size):
                yield chunk

    async def delete(self, key: str) -> None:
        s3 = await self._s3()
        try:
            await s3.delete_object(Bucket=self.bucket, Key=self.object_key(key))
        except (BotoCoreError, ClientError) as exc:
            raise StorageError(f"could not delete {key}") from exc

    async def delete_prefix(self, prefix: str) -> int:
        """Listed a page (1,000 keys) at a time and deleted in one call per page."""
        if not prefix.endswith("/"):
            raise StorageError("a prefix to delete must be a folder, ending in /")
        s3 = await self._s3()
        bucket_prefix = self.object_key(prefix.rstrip("/")) + "/"
        count = 0
        try:
            paginator = s3.get_paginator("list_objects_v2")
            async for page in paginator.paginate(Bucket=self.bucket, Prefix=bucket_prefix):
                objects = [{"Key": obj["Key"]} for obj in page.get("Contents", [])]
                if not objects:
                    continue
                answer = await s3.delete_objects(Bucket=self.bucket, Delete={"Objects": objects, "Quiet": True})
                if answer.get("Errors"):
                    raise StorageError(f"could not delete {len(answer['Errors'])} objects under {prefix}")
                count += len(objects)
        except (BotoCoreError, ClientError) as exc:
            raise StorageError(f"could not delete {prefix}") from exc
        return count

    async def publish(self, key: str, data: bytes, content_type: str) -> None:
        """`public/<key>` at the bucket's root (not under S3_PREFIX): the CDN's origin path is /public."""
        self.object_key(key)  # the same refusal of keys that could escape
        s3 = await self._s3()
        try:
            await s3.put_object(
                Bucket=self.bucket,
                Key=f"{PUBLIC_PREFIX}/{key}",
                Body=data,
                ContentType=content_type,
                CacheControl=PUBLIC_CACHE_CONTROL,
            )
        except (BotoCoreError, ClientError) as exc:
            raise StorageError(f"could not publish {key}") from exc

    # ---- uploads straight from the browser (app/campaigns/direct_uploads.py) ----
    # Objects under incoming/ at the bucket root: not the app's files yet, expired by a lifecycle rule.

    async def presigned_post(
        self, bucket_key: str, *, content_type: str, max_bytes: int, expires_s: int
    ) -> dict[str, Any]:
        """A form the browser POSTs one file with: this key, this content type, 1..max_bytes bytes."""
        s3 = await self._s3()
        try:
            post: dict[str, Any] = await s3.generate_presigned_post(
                Bucket=self.bucket,
                Key=bucket_key,
                Fields={"Content-Type": content_type},
                Conditions=[{"Content-Type": content_type}, ["content-length-range", 1, max_bytes]],
                ExpiresIn=expires_s,
            )
            return post
        except (BotoCoreError, ClientError) as exc:
            raise StorageError("could not prepare an upload") from exc

    async def get_incoming(self, bucket_key: str) -> bytes:
        s3 = await self._s3()
        try:
            response = await s3.get_object(Bucket=self.bucket, Key=bucket_key)
            async with response["Body"] as body:
                data: bytes = await body.read()
                return data
        except ClientError as exc:
            if _is_missing(exc):
                raise ObjectNotFound(bucket_key) from exc
            raise StorageError("could not read an upload") from exc
        except BotoCoreError as exc:
            raise StorageError("could not read an upload") from exc

    async def delete_incoming(self, bucket_key: str) -> None:
        s3 = await self._s3()
        try:
            await s3.delete_object(Bucket=self.bucket, Key=bucket_key)
        except (BotoCoreError, ClientError) as exc:
            raise StorageError("could not delete an upload") from exc

    async def exists(self, key: str) -> bool:
        s3 = await self._s3()
        try:
            await s3.head_object(Bucket=self.bucket, Key=self.object_key(key))
        except ClientError as exc:
            if _is_missing(exc):
                return False
            raise StorageError(f"could not look up {key}") from exc
        except BotoCoreError as exc:
            raise StorageError(f"could not look up {key}") from exc
        return True

    async def url(self, key: str, *, download_name: str | None = None) -> str:
        """A presigned GET (signed locally, no network call); an attachment when download_name is given."""
        s3 = await self._s3()
        params = {"Bucket": self.bucket, "Key": self.object_key(key)}
        if download_name:
            params["ResponseContentDisposition"] = attachment_disposition(download_name)
        url: str = await s3.generate_presigned_url("get_object", Params=params, ExpiresIn=self.url_ttl_s)
        return url

    async def check(self) -> None:
        s3 = await self._s3()
        try:
            await s3.head_bucket(Bucket=self.bucket)
        except (BotoCoreError, ClientError) as exc:
            raise StorageError("the S3 bucket is not reachable") from exc

    async def close(self) -> None:
        stack, self._stack, self._client = self._stack, None, None
        if stack is not None:
            await stack.aclose()
