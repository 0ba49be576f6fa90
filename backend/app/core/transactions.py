"""Where a unit of work ends: every commit of the app goes through this module.

The rule
--------
- A service that writes ends its own unit of work with `await commit(session)`. Nothing else commits:
  `session.commit()` appears in this module only (tests/architecture/test_transactions.py checks it).
- The request scope (core/db.session_scope) never commits. It closes the session, which rolls back
  whatever is left. A write that was flushed or added but never committed is a bug: the request scope
  logs it as an error and, with ENVIRONMENT=test, raises, so a handler that forgot to commit fails its
  tests instead of silently losing the write.
- Files stored for the rows of a commit are stored inside `async with commit_with_files(session, storage)
  as files:` and named with `files.add(key)`. The block's end commits. If anything in the block fails,
  or the commit itself does (a 409 race: IntegrityError, StaleDataError), the named files are removed
  (best effort, logged), the session is rolled back and the error goes on unchanged to the handlers
  of core/errors.py. So a failed request never leaves a file that no row points to.
- A service may commit early, before slow work (image processing, copying files), so the connection
  goes back to the pool and no lock is held meanwhile; `commit(session)` with nothing pending only
  ends the read transaction. Those early commits are measured behaviour: keep them where they are.
- Handlers that only read never commit.
- Sessions outside a request (job actors, background renditions, the first admin at start-up) open
  their own session from the sessionmaker and commit through `commit` too; nothing checks them at
  the end, so each ends its own work explicitly.
"""

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, Protocol

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction
from sqlmodel import Session as SQLModelSession
from sqlmodel.ext.asyncio.session import AsyncSession

logger = logging.getLogger(__name__)

_FLUSHED = "flushed_uncommitted"


class FileStore(Protocol):
    """What a failed commit needs of app.storage's Storage (core imports no domain)."""

    async def delete(self, key: str) -> None: ...


class UncommittedWrite(RuntimeError):
    """A request ended with a write it never committed (raised in the test environment only)."""


async def commit(session: AsyncSession) -> None:
    """End the unit of work; a failed commit is rolled back and re-raised (409 for a race, core/errors)."""
    try:
        await session.commit()
    except BaseException:
        await _rollback(session)
        raise


class StoredFiles:
    """The storage keys that belong to one commit: removed again if it fails."""

    def __init__(self) -> None:
        self.keys: list[str] = []

    def add(self, *keys: str) -> None:
        self.keys.extend(keys)


@asynccontextmanager
async def commit_with_files(session: AsyncSession, storage: FileStore) -> AsyncIterator[StoredFiles]:
    """Store files and stage rows inside the block; its end commits them together.

    Name each key with `files.add(key)` (before or after storing it: removing a key never stored is harmless).
    On any failure in the block or in the commit: the files are removed, the session rolled back, the error re-raised.
    """
    files = StoredFiles()
    try:
        yield files
        await session.commit()
    except BaseException:
        await _remove(storage, files.keys)
        await _rollback(session)
        raise


async def _remove(storage: FileStore, keys: list[str]) -> None:
    results = await asyncio.gather(*(storage.delete(key) for key in keys), return_exceptions=True)
    for key, result in zip(keys, results, strict=True):
        if isinstance(result, BaseException):
            logger.warning("file of a failed commit not removed", extra={"key": key, "error": type(result).__name__})


async def _rollback(session: AsyncSession) -> None:
    try:
        await session.rollback()
    except Exception:  # the connection may be gone (the reason the commit failed); closing the session ends it
        logger.warning("rollback after a failed commit failed", exc_info=True)


class TrackedSession(SQLModelSession):
    """A session that remembers a flush not yet committed (see `unfinished_writes`)."""


@event.listens_for(TrackedSession, "after_flush")
def _after_flush(session: Session, _: Any) -> None:
    session.info[_FLUSHED] = True


@event.listens_for(TrackedSession, "after_transaction_end")
def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    # Only the outermost transaction: a savepoint's end (begin_nested) neither commits nor undoes the outer one.
    if transaction.parent is None:
        session.info.pop(_FLUSHED, None)


def unfinished_writes(session: AsyncSession) -> str | None:
    """What the session would lose when closed now: flushed rows or pending changes; None when nothing."""
    if session.info.get(_FLUSHED):
        return "rows flushed but never committed"
    if session.new or session.deleted:
        return "rows added or deleted but never committed"
    if any(session.is_modified(obj) for obj in session.dirty):
        return "rows changed but never committed"
    return None
