"""Every storage backend must pass the same contract tests (see test_contract.py)."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from app.storage.base import Storage
from app.storage.local import LocalStorage

BACKENDS = ["local"]


@pytest.fixture(params=BACKENDS)
async def storage(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Storage]:
    if request.param == "local":
        backend: Storage = LocalStorage(tmp_path / "media", "http://cdn.test")
    else:  # pragma: no cover - other backends register their own factory
        raise NotImplementedError(request.param)
    yield backend
    await backend.close()
