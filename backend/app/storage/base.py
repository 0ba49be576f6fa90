"""The storage interface every backend implements (S3-shaped: objects by key)."""

import secrets
import uuid
from collections.abc import AsyncIterator
from typing import Protocol

# Objects under public/ are served by a CDN at PUBLIC_ASSET_URL (infra/aws/hibid-email-ecs.yaml); their
# keys carry a random token and are never rewritten, so browsers and mail proxies may keep them a year.
PUBLIC_PREFIX = "public"
PUBLIC_CACHE_CONTROL = "public, max-age=31536000, immutable"


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

    async def publish(self, key: str, data: bytes, content_type: str) -> None:
        """Store a public copy at `public/<key>`, outside the app's own files, for the CDN serving
        PUBLIC_ASSET_URL; cacheable for a year (PUBLIC_CACHE_CONTROL): a key is never reused."""
        ...

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
