"""Throwaway databases of the suite's kind, for tests that need an empty or a droppable one."""

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from app.core.config import Settings
from tests.support.settings import POSTGRES_URL


def _admin_engine():  # type: ignore[no-untyped-def]
    return create_async_engine(make_url(POSTGRES_URL).set(database="postgres"), isolation_level="AUTOCOMMIT")


def _delete_sqlite_files(path: str) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(path + suffix).unlink(missing_ok=True)


async def drop_database(url: str) -> None:
    """Lose a database as an operator could: DROP DATABASE (PostgreSQL) or delete the file (SQLite)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        assert parsed.database
        await asyncio.to_thread(_delete_sqlite_files, parsed.database)
        return
    admin = _admin_engine()
    async with admin.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
    await admin.dispose()


@asynccontextmanager
async def fresh_database(settings: Settings, tmp_path: Path) -> AsyncIterator[str]:
    """The URL of an empty database of the suite's kind (a new SQLite file or PostgreSQL database)."""
    if settings.is_sqlite:
        yield f"sqlite+aiosqlite:///{tmp_path / f'fresh-{uuid.uuid4().hex[:8]}.db'}"
        return
    name = f"hibid_test_{uuid.uuid4().hex[:10]}"
    admin = _admin_engine()
    async with admin.connect() as conn:
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()
    url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        await drop_database(url)
