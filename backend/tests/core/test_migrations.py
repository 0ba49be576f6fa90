"""Replicas start at the same time: migrations must run once and every replica must come up."""

import asyncio
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path

import httpx
import pytest
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from app.core.config import Settings
from tests.support.apps import MakeApp
from tests.support.databases import fresh_database


@pytest.fixture
async def fresh_database_url(settings: Settings, tmp_path: Path) -> AsyncIterator[str]:
    async with fresh_database(settings, tmp_path) as url:
        yield url


async def test_replicas_starting_together_migrate_once(make_app: MakeApp, fresh_database_url: str, tmp_path: Path):
    async with AsyncExitStack() as stack:
        # All three lifespans (each runs the migrations) start concurrently, like replicas after a deploy.
        replicas = [make_app(database_url=fresh_database_url, media_root=tmp_path / "m") for _ in range(3)]
        apps = await asyncio.gather(*(stack.enter_async_context(r) for r in replicas))
        for replica in apps:
            transport = httpx.ASGITransport(app=replica)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
                assert (await client.get("/health/ready")).status_code == 200
                assert (await client.get("/api/v1/campaigns")).status_code in (200, 401)

    engine = create_async_engine(fresh_database_url)
    async with engine.connect() as conn:
        versions = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalars().all()
    await engine.dispose()
    assert len(versions) == 1


def _migrate_in_subprocess(database_url: str) -> subprocess.Popen[bytes]:
    code = "import sys; from app.core.db import upgrade_database; upgrade_database(sys.argv[1])"
    return subprocess.Popen(
        [sys.executable, "-c", code, database_url],
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


async def test_separate_processes_migrate_once(fresh_database_url: str):
    """Separate processes (replicas, uvicorn workers) serialise on the database's lock, not a thread lock."""
    procs = [_migrate_in_subprocess(fresh_database_url) for _ in range(3)]
    outputs = [await asyncio.to_thread(p.communicate, timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [o[0].decode()[-2000:] for o in outputs]
    engine = create_async_engine(fresh_database_url)
    async with engine.connect() as conn:
        versions = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalars().all()
        tables = await conn.run_sync(lambda c: set(sa_inspect(c).get_table_names()))
    await engine.dispose()
    assert len(versions) == 1
    assert {"campaign", "asset"} <= tables
