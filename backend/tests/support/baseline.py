"""The suite's database and media as every test starts them: only the accounts the session fixtures made.

After each test `restore(app)` deletes every other row of every table, puts the kept accounts' columns back
(a test may sign one out or change its password), empties the media folder and forgets in-process state
(rate-limit counters, every in-process cache). DELETE on a handful of near-empty tables is a few milliseconds on
SQLite and PostgreSQL alike; a rolled-back transaction cannot hold the app's own commits."""

import asyncio
import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlmodel import SQLModel

import app.models  # noqa: F401 - every table registered in SQLModel.metadata
from app.auth.models import User
from app.campaigns.renditions import finish_renditions
from app.core.cache import clear_all_caches
from app.ratelimit.limiter import MemoryRateLimiter

_KEPT_COLUMNS = ("password_hash", "token_version", "is_active", "role")
# email -> the columns a test could change, as the session fixture left them
_kept: dict[str, dict[str, Any]] = {}


async def keep_account(app: Any, email: str) -> None:
    """Make `email` part of the baseline (called by session- and module-scoped fixtures right after sign-up)."""
    async with app.state.services.engine.connect() as conn:
        row = (await conn.execute(select(*(getattr(User, c) for c in _KEPT_COLUMNS)).where(User.email == email))).one()
    _kept[email] = dict(zip(_KEPT_COLUMNS, row, strict=True))


def _empty(folder: Path) -> None:
    if not folder.exists():
        return
    for child in folder.iterdir():
        if child.is_dir():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)


def _forget_caches() -> None:
    clear_all_caches()  # every in-process cache is a core.cache.BoundedCache


async def restore(app: Any) -> None:
    services = app.state.services
    await finish_renditions(timeout_s=10)  # photos rendered after the response must not land in the next test
    tables = [t for t in reversed(SQLModel.metadata.sorted_tables) if t.name != User.__tablename__]
    async with services.engine.begin() as conn:
        for table in tables:
            await conn.execute(table.delete())
        users = User.__table__  # type: ignore[attr-defined]
        kept = [*_kept, services.settings.first_admin_email]  # the first admin is made at start-up
        await conn.execute(
            users.delete().where(users.c.email.not_in(bindparam("kept", expanding=True))), {"kept": kept}
        )
        rows = (await conn.execute(select(users.c.email, *(users.c[c] for c in _KEPT_COLUMNS)))).all()
        for email, *values in rows:
            saved = _kept.get(email)
            if saved is not None and dict(zip(_KEPT_COLUMNS, values, strict=True)) != saved:
                await conn.execute(update(users).where(users.c.email == email).values(**saved))
    await asyncio.to_thread(_empty, services.settings.media_root)
    if isinstance(services.limiter, MemoryRateLimiter):
        services.limiter._windows.clear()  # noqa: SLF001 - test reset of in-process counters
    _forget_caches()
