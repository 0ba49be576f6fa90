"""Shared fixtures: one app per test session on SQLite or PostgreSQL (TEST_DATABASE)."""

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from app.core.config import Settings
from app.main import create_app
from tests.factories import UploadBuilder

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")


def _database_url(tmp: Path) -> str:
    if os.environ.get("TEST_DATABASE", "sqlite") == "postgres":
        return POSTGRES_URL
    return f"sqlite+aiosqlite:///{tmp / 'test.db'}"


async def _reset_postgres(url: str) -> None:
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hibid")


@pytest.fixture(scope="session")
def settings(data_dir: Path) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        environment="test",
        database_url=_database_url(data_dir),
        media_root=data_dir / "media",
        backend_url="http://testserver",
        frontend_dist=None,
        log_level="WARNING",
    )


@pytest.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[object]:
    if settings.database_url.startswith("postgresql"):
        await _reset_postgres(settings.database_url)
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture(scope="session")
async def client(app: object) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


@pytest.fixture
def uploads(client: httpx.AsyncClient) -> UploadBuilder:
    return UploadBuilder(client)


def media_files(settings: Settings) -> set[Path]:
    root = settings.media_root
    return {p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")} if root.exists() else set()


def unknown_id() -> str:
    return str(uuid.uuid4())
