"""Every storage backend must pass the same contract tests (see test_contract.py).

The S3 backend runs against a real S3 endpoint over HTTP (`moto_server`, started once per session).
"""

import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from app.core.config import Settings
from app.storage.base import Storage
from app.storage.local import LocalStorage
from app.storage.s3 import S3Storage
from tests.storage.moto import MotoServer, create_bucket, fake_aws_credentials, running_moto_server

BACKENDS = ["local", "s3"]


@pytest.fixture(scope="session")
def moto_server() -> Iterator[MotoServer]:
    with fake_aws_credentials(), running_moto_server() as server:
        yield server


@pytest.fixture(scope="session")
def s3_bucket(moto_server: MotoServer) -> str:
    bucket = f"hibid-test-{uuid.uuid4().hex[:12]}"
    create_bucket(moto_server, bucket)
    return bucket


def s3_settings(server: MotoServer, bucket: str, **overrides: object) -> Settings:
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


@pytest.fixture(params=BACKENDS)
async def storage(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Storage]:
    if request.param == "local":
        backend: Storage = LocalStorage(tmp_path / "media", "http://cdn.test")
    else:
        server: MotoServer = request.getfixturevalue("moto_server")
        bucket: str = request.getfixturevalue("s3_bucket")
        backend = S3Storage(s3_settings(server, bucket, s3_prefix=f"run-{uuid.uuid4().hex[:8]}"))
    yield backend
    await backend.close()
