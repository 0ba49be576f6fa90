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
ADMIN_EMAIL = "admin@example.com"
ADMIN_PASSWORD = "admin-test-password"  # noqa: S105 - test-only account
USER_PASSWORD = "correct horse battery"  # noqa: S105 - test-only accounts
# Rate limits have their own tests (tests/ratelimit) with tight limits; here they must never interfere.
GENEROUS_LIMIT = "1000000/minute"


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
        secret_key="test-secret-key-that-is-long-enough-for-hs256",
        first_admin_email=ADMIN_EMAIL,
        first_admin_password=ADMIN_PASSWORD,
        rate_limit_default=GENEROUS_LIMIT,
        rate_limit_login=GENEROUS_LIMIT,
        rate_limit_upload=GENEROUS_LIMIT,
        rate_limit_process=GENEROUS_LIMIT,
        rate_limit_review=GENEROUS_LIMIT,
    )


@pytest.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[object]:
    if settings.database_url.startswith("postgresql"):
        await _reset_postgres(settings.database_url)
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


def make_client(app: object, token: str | None = None) -> httpx.AsyncClient:
    """A client of the in-process app; with a token, every request carries it."""
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.AsyncClient(transport=transport, base_url="http://testserver", headers=headers)


async def sign_in(app: object, email: str, password: str = USER_PASSWORD, *, register: bool = True) -> str:
    """Register (optionally) and sign in through the API; returns the access token."""
    async with make_client(app) as c:
        if register:
            r = await c.post("/api/v1/auth/register", json={"email": email, "password": password})
            assert r.status_code == 202, r.text  # the same whether or not the address was taken
        r = await c.post("/api/v1/auth/login", data={"username": email, "password": password})
        assert r.status_code == 200, r.text
        return str(r.json()["access_token"])


@pytest.fixture(scope="session")
async def client(app: object) -> AsyncIterator[httpx.AsyncClient]:
    """Signed in as an advertiser (advertiser@example.com): what most tests act as."""
    async with make_client(app, await sign_in(app, "advertiser@example.com")) as c:
        yield c


@pytest.fixture(scope="session")
async def other_client(app: object) -> AsyncIterator[httpx.AsyncClient]:
    """A second advertiser, who must never see the first one's campaigns."""
    async with make_client(app, await sign_in(app, "other-advertiser@example.com")) as c:
        yield c


@pytest.fixture(scope="session")
async def admin_client(app: object) -> AsyncIterator[httpx.AsyncClient]:
    """HiBid staff: the first admin created at start-up."""
    async with make_client(app, await sign_in(app, ADMIN_EMAIL, ADMIN_PASSWORD, register=False)) as c:
        yield c


@pytest.fixture(scope="session")
async def anon_client(app: object) -> AsyncIterator[httpx.AsyncClient]:
    """No token at all."""
    async with make_client(app) as c:
        yield c


@pytest.fixture
def uploads(client: httpx.AsyncClient) -> UploadBuilder:
    return UploadBuilder(client)


def media_files(settings: Settings) -> set[Path]:
    root = settings.media_root
    return {p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")} if root.exists() else set()


def unknown_id() -> str:
    return str(uuid.uuid4())
