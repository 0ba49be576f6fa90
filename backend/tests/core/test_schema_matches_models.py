"""The migrations build exactly the tables the models describe: a model change without its migration
(or a migration that drifts from its model) fails here, not in production."""

import asyncio
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel import SQLModel

import app.models  # noqa: F401  (registers every table)
from app.core.config import Settings
from app.core.db import upgrade_database
from tests.support.databases import fresh_database


async def test_migrated_database_matches_the_models(settings: Settings, tmp_path: Path):
    async with fresh_database(settings, tmp_path) as url:
        await asyncio.to_thread(upgrade_database, url)
        engine = create_async_engine(url)
        async with engine.connect() as conn:
            diff = await conn.run_sync(
                lambda sync_conn: compare_metadata(MigrationContext.configure(sync_conn), SQLModel.metadata)
            )
        await engine.dispose()
    assert diff == []
