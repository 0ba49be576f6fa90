"""A real S3 endpoint for tests: `moto_server` over HTTP on a free loopback port."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from app.core.config import Settings
from tests.support.apps import MakeApp

# moto accepts any credentials; botocore only needs some to sign with.
FAKE_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "testing"}


@dataclass(frozen=True)
class MotoServer:
    endpoint_url: str
    region: str = "us-east-1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _moto_executable() -> str:
    candidate = Path(sys.executable).with_name("moto_server")
    return str(candidate) if candidate.exists() else "moto_server"


@contextmanager
def running_moto_server(timeout_s: float = 20.0) -> Iterator[MotoServer]:
    """Start moto_server, wait until it answers, stop it on exit."""
    port = free_port()
    proc = subprocess.Popen(
        [_moto_executable(), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"moto_server exited with {proc.returncode}")
            try:
                httpx.get(f"{endpoint}/moto-api/", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError("moto_server did not start") from None
                time.sleep(0.1)
        yield MotoServer(endpoint)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def fake_aws_credentials() -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in FAKE_CREDENTIALS}
    os.environ.update(FAKE_CREDENTIALS)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def s3_settings(server: MotoServer, bucket: str, **overrides: object) -> Settings:
    """Settings (no .env file) whose storage is `bucket` on `server`."""
    values: dict[str, object] = {
        "environment": "test",
        "storage_backend": "s3",
        "s3_bucket": bucket,
        "s3_endpoint_url": server.endpoint_url,
        "aws_region": server.region,
        "frontend_dist": None,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def create_bucket(server: MotoServer, bucket: str) -> None:
    """Create a bucket with the plain (sync) client, so sync fixtures can call it."""
    import boto3

    boto3.client("s3", endpoint_url=server.endpoint_url, region_name=server.region).create_bucket(Bucket=bucket)


def empty_bucket(server: MotoServer, bucket: str) -> None:
    """Delete every object in `bucket` (sync: run it in a thread from async code)."""
    import boto3

    raw = boto3.client("s3", endpoint_url=server.endpoint_url, region_name=server.region)
    for page in raw.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        keys = [{"Key": obj["Key"]} for obj in page.get("Contents", [])]
        if keys:
            raw.delete_objects(Bucket=bucket, Delete={"Objects": keys})


async def fetch(url: str) -> httpx.Response:
    """GET a URL over real HTTP, as a browser or an email client would."""
    async with httpx.AsyncClient() as client:
        return await client.get(url)


@asynccontextmanager
async def signed_in_s3_client(
    make_app: MakeApp, token_client: httpx.AsyncClient, server: MotoServer, bucket: str, prefix: str, media: Path
) -> AsyncIterator[httpx.AsyncClient]:
    """A second app on the suite's database with files in S3 (moto_server), and a client signed in as
    `token_client` is (same database and SECRET_KEY, so its token is valid here too)."""
    async with make_app(
        storage_backend="s3",
        s3_bucket=bucket,
        s3_endpoint_url=server.endpoint_url,
        s3_prefix=prefix,
        aws_region=server.region,
        media_root=media,
    ) as s3_app:
        auth = {"Authorization": token_client.headers["Authorization"]}
        transport = httpx.ASGITransport(app=s3_app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver", headers=auth) as client:
            yield client
