"""Every storage backend must pass the same contract tests (see test_contract.py).

The S3 backend runs against a real S3 endpoint over HTTP (`moto_server`, started once per session).
"""

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from app.storage.base import Storage
from app.storage.local import LocalStorage
from app.storage.s3 import S3Storage
from tests.support.moto import MotoServer, s3_settings

BACKENDS = ["local", "s3"]


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
