"""Suite fixtures: one app per session (SQLite or PostgreSQL by TEST_DATABASE), returned to its baseline after
every test; `make_app` for a test that needs an app of its own. Helpers live in tests/support."""

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from app.core.config import Settings
from tests.support.apps import MakeApp, app_factory
from tests.support.baseline import restore
from tests.support.clients import baseline_client, make_client
from tests.support.factories import UploadBuilder
from tests.support.moto import MotoServer, create_bucket, empty_bucket, fake_aws_credentials, running_moto_server
from tests.support.settings import ADMIN_EMAIL, ADMIN_PASSWORD, base_settings, reset_postgres


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hibid")


@pytest.fixture(scope="session")
def settings(data_dir: Path) -> Settings:
    return base_settings(data_dir)


@pytest.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    if settings.database_url.startswith("postgresql"):
        await reset_postgres(settings.database_url)
    async with app_factory(settings)() as application:
        yield application


@pytest.fixture(scope="session")
def make_app(app: FastAPI, settings: Settings) -> MakeApp:
    """`async with make_app(**overrides) as app:` an app of its own (tight limits, S3, production settings...).
    After `app`, so on PostgreSQL the schema it shares exists first."""
    return app_factory(settings)


@pytest.fixture(autouse=True)
async def _baseline(request: pytest.FixtureRequest) -> AsyncIterator[None]:
    """Each test starts from the same database and media: only the session fixtures' accounts (support/baseline)."""
    if "app" not in request.fixturenames:  # `make_app` and every client need `app`: this test leaves nothing behind
        yield
        return
    yield
    await restore(request.getfixturevalue("app"))
    if "s3_bucket" in request.fixturenames:  # the suite's bucket too: no object outlives its test
        await asyncio.to_thread(
            empty_bucket, request.getfixturevalue("moto_server"), request.getfixturevalue("s3_bucket")
        )


@pytest.fixture(scope="session")
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """Signed in as an advertiser (advertiser@example.com): what most tests act as."""
    async with await baseline_client(app, "advertiser@example.com") as c:
        yield c


@pytest.fixture(scope="session")
async def other_client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A second advertiser, who must never see the first one's campaigns."""
    async with await baseline_client(app, "other-advertiser@example.com") as c:
        yield c


@pytest.fixture(scope="session")
async def admin_client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """HiBid staff: the first admin created at start-up."""
    async with await baseline_client(app, ADMIN_EMAIL, ADMIN_PASSWORD) as c:
        yield c


@pytest.fixture(scope="session")
async def anon_client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """No token at all."""
    async with make_client(app) as c:
        yield c


@pytest.fixture
def uploads(client: httpx.AsyncClient) -> UploadBuilder:
    return UploadBuilder(client)


@pytest.fixture(scope="session")
def moto_server() -> Iterator[MotoServer]:
    """A real S3 endpoint over HTTP (moto_server), started on first use."""
    with fake_aws_credentials(), running_moto_server() as server:
        yield server


@pytest.fixture(scope="session")
def s3_bucket(moto_server: MotoServer) -> str:
    bucket = f"hibid-test-{uuid.uuid4().hex[:12]}"
    create_bucket(moto_server, bucket)
    return bucket
