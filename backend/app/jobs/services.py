"""The database and storage a worker process's jobs use: made once, on the worker's event loop."""

import asyncio
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import get_settings
from app.core.db import create_engine, create_sessionmaker
from app.storage.base import Storage
from app.storage.factory import create_storage


@dataclass
class JobServices:
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    storage: Storage


_services: JobServices | None = None
_lock = asyncio.Lock()


async def job_services() -> JobServices:
    global _services
    if _services is None:
        async with _lock:
            if _services is None:
                settings = get_settings()
                engine = create_engine(settings)
                _services = JobServices(engine, create_sessionmaker(engine), create_storage(settings))
    return _services


async def close_job_services() -> None:
    global _services
    if _services is not None:
        await _services.storage.close()
        await _services.engine.dispose()
        _services = None
