"""The file storage a handler asks for (built once in app.api.services)."""

from typing import Annotated

from fastapi import Depends, Request

from app.storage.base import Storage


def get_storage(request: Request) -> Storage:
    storage: Storage = request.app.state.services.storage
    return storage


StorageDep = Annotated[Storage, Depends(get_storage)]
