"""The database, storage and browser a worker process's jobs use: made once, on the worker's event loop."""

import asyncio
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from app.api.services import build_renderer, build_storage
from app.core.config import get_settings
from app.core.db import create_engine, create_sessionmaker
from app.jobs.broker import on_worker_shutdown
from app.proofs.screenshots import ProofRenderer
from app.storage.base import Storage


@dataclass
class JobServices:
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    storage: Storage
    # Chromium for picture proofs: started on the first one, closed when idle (SCREENSHOT_IDLE_S) or at shutdown.
    renderer: ProofRenderer


_services: JobServices | None = None
_lock = asyncio.Lock()


async def job_services() -> JobServices:
    global _services
    if _services is None:
        async with _lock:
            if _services is None:
                settings = get_settings()
                engine = create_engine(settings)
                storage, renderer = build_storage(settings), build_renderer(settings)
                _services = JobServices(engine, create_sessionmaker(engine), storage, renderer)
    return _services


async def close_job_services() -> None:
    global _services
    if _services is not None:
        await _services.renderer.close()
        await _services.storage.close()
        await _services.engine.dispose()
        _services = None


on_worker_shutdown(close_job_services)  # the worker's CloseServices middleware runs it after its threads stop
