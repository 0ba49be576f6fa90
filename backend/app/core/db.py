"""Async database engine, the per-request session, and migrations at start-up."""

import asyncio
import fcntl
import logging
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import BACKEND_DIR, Settings
from app.core.transactions import TrackedSession, UncommittedWrite, unfinished_writes

logger = logging.getLogger(__name__)


def create_engine(settings: Settings) -> AsyncEngine:
    """Engine for DATABASE_URL; SQLite gets WAL, foreign keys and a busy timeout."""
    url = make_url(settings.database_url)
    pool: dict[str, Any] = {
        "pool_size": settings.db_pool_size,
        "max_overflow": settings.db_max_overflow,
        "pool_timeout": settings.db_pool_timeout_s,
    }
    if settings.is_sqlite:
        if url.database in (None, "", ":memory:"):
            pool = {}  # one shared in-memory database: a single connection (SQLAlchemy's StaticPool)
        else:
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, connect_args={"timeout": 30}, **pool)

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        return engine
    return create_async_engine(url, pool_pre_ping=True, pool_recycle=1800, **pool)


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(
        engine, class_=AsyncSession, sync_session_class=TrackedSession, expire_on_commit=False, autoflush=False
    )


async def session_scope(
    factory: async_sessionmaker[AsyncSession], *, strict: bool = False
) -> AsyncIterator[AsyncSession]:
    """One session per request. It never commits: services do (core/transactions); closing rolls back the rest.

    A write left uncommitted at the end of a successful request is logged as an error, and raised when
    `strict` (the test environment), so the handler that forgot its commit is found.
    """
    async with factory() as session:
        try:
            yield session
        except BaseException:
            await session.rollback()
            raise
        left = unfinished_writes(session)
        if left:
            logger.error("request ended with an uncommitted write", extra={"uncommitted": left})
            await session.rollback()
            if strict:
                raise UncommittedWrite(f"The request ended with {left}: its service must commit (core/transactions).")


def _alembic_config(database_url: str) -> Any:
    from alembic.config import Config

    cfg = Config(str(BACKEND_DIR / "alembic.ini"))
    cfg.set_main_option("script_location", str(BACKEND_DIR / "app" / "migrations"))
    cfg.attributes["database_url"] = database_url
    return cfg


_MIGRATION_THREAD_LOCK = threading.Lock()


@contextmanager
def _sqlite_migration_lock(database_url: str) -> Iterator[None]:
    """Serialise migrations of one SQLite file across processes (uvicorn --workers).

    PostgreSQL uses an advisory lock instead (migrations/env.py).
    """
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        yield
        return
    lock_path = Path(url.database).with_name(Path(url.database).name + ".migrate-lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def upgrade_database(database_url: str) -> None:
    """Apply every Alembic migration (blocking; call from a worker thread); one process at a time."""
    from alembic import command

    # Alembic's `context` is a module global: two threads of one process must not migrate at once.
    with _MIGRATION_THREAD_LOCK, _sqlite_migration_lock(database_url):
        command.upgrade(_alembic_config(database_url), "head")


async def run_migrations(settings: Settings) -> None:
    await asyncio.to_thread(upgrade_database, settings.database_url)
