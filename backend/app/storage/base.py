"""The storage interface every backend implements (S3-shaped: objects by key)."""

import secrets
import uuid
from collections.abc import AsyncIterator
from typing import Protocol


class StorageError(Exception):
    """The storage backend failed or the object is missing."""


class ObjectNotFound(StorageError):
    pass


class Storage(Protocol):
    """Put, get, stream, delete and link objects by key."""

    async def put(self, key: str, data: bytes, content_type: str) -> None: ...

    async def get(self, key: str) -> bytes: ...

    def stream(self, key: str, chunk_size: int = 256 * 1024) -> AsyncIterator[bytes]: ...

    async def delete(self, key: str) -> None: ...

    async def delete_prefix(self, prefix: str) -> int:
        """Delete every object whose key starts with `prefix` (a folder, ending in "/"); returns how many."""
        ...

    async def exists(self, key: str) -> bool: ...

    async def url(self, key: str, *, download_name: str | None = None) -> str:
        """A URL a browser or an email client can fetch the object from."""
        ...

    async def check(self) -> None:
        """Raise StorageError when the backend cannot be reached."""
        ...

    async def close(self) -> None: ...


def new_key(campaign_id: uuid.UUID, kind: str, extension: str) -> str:
    """A generated, unguessable key; never derived from a user's file name."""
    return f"campaigns/{campaign_id}/{kind}/{secrets.token_urlsafe(16)}.{extension}"
