"""Chooses the storage backend from Settings, in one place."""

from app.core.config import Settings
from app.storage.base import Storage
from app.storage.local import LocalStorage


def create_storage(settings: Settings) -> Storage:
    if settings.storage_backend == "s3":
        from app.storage.s3 import S3Storage

        return S3Storage(settings)
    return LocalStorage(settings.media_root, settings.public_base_url)
