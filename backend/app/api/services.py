"""The one place that builds the long-lived services: storage, engine and sessions, AI writer, rate limiter,
proof renderer (used by main.create_app/lifespan, and by app/jobs/services.py for a job worker)."""

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from app.copywriting.base import CopyWriter
from app.copywriting.factory import create_writer
from app.core.config import Settings
from app.core.db import create_engine, create_sessionmaker
from app.proofs.screenshots import ProofRenderer
from app.ratelimit.factory import create_limiter
from app.ratelimit.limiter import RateLimiter
from app.storage.base import Storage
from app.storage.factory import create_storage


@dataclass
class AppServices:
    """Long-lived objects built once at start-up, kept on `app.state.services`.

    Each is read by one small dependency in the layer that owns it: core/deps.py (settings, engine,
    sessions), storage/deps.py, copywriting/deps.py, ratelimit/deps.py.
    """

    settings: Settings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    storage: Storage
    writer: CopyWriter
    limiter: RateLimiter


def build_storage(settings: Settings) -> Storage:
    """Local folder or S3, from STORAGE_BACKEND (web processes and job workers alike)."""
    return create_storage(settings)


def build_renderer(settings: Settings) -> ProofRenderer:
    """Chromium for picture proofs: started on the first PNG, not here, so a process starts without it."""
    return ProofRenderer(
        settings.chromium_path, timeout_s=settings.screenshot_timeout_s, idle_s=settings.screenshot_idle_s
    )


def build_services(settings: Settings, storage: Storage) -> AppServices:
    """Everything but the storage, which create_app makes first (it decides how /media is mounted)."""
    engine = create_engine(settings)
    return AppServices(
        settings=settings,
        engine=engine,
        sessionmaker=create_sessionmaker(engine),
        storage=storage,
        writer=create_writer(settings),
        limiter=create_limiter(settings),
    )


async def close_services(services: AppServices) -> None:
    """Close in the reverse order of need: the AI client's connections, the limiter, storage, the pool."""
    await services.writer.aclose()
    await services.limiter.close()
    await services.storage.close()
    await services.engine.dispose()
