"""The suite's settings: one base (SQLite or PostgreSQL by TEST_DATABASE) and the accounts it starts with."""

import os
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from app.core.config import Settings

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
ADMIN_EMAIL = "admin@example.com"
ADMIN_PASSWORD = "admin-test-password"  # noqa: S105 - test-only account
USER_PASSWORD = "correct horse battery"  # noqa: S105 - test-only accounts
# Rate limits have their own tests (tests/ratelimit) with tight limits; here they must never interfere.
GENEROUS_LIMIT = "1000000/minute"

# What ENVIRONMENT=production needs to start (tests/security); any key can be overridden.
PRODUCTION_SAFE: dict[str, Any] = {
    "environment": "production",
    "secret_key": "f3b1c9e07a5d4e2b8c6f1a9d3e7b5c20a4d8f6e1b3c5a7d9e2f4b6c8a0d1e3f5",
    "allowed_origins": ["https://email.hibid.example"],
    "backend_url": "https://email.hibid.example",
    "first_admin_email": "ops@hibid.example",
    "first_admin_password": "a-long-random-admin-password",
}


def database_url(tmp: Path) -> str:
    if os.environ.get("TEST_DATABASE", "sqlite") == "postgres":
        return POSTGRES_URL
    return f"sqlite+aiosqlite:///{tmp / 'test.db'}"


async def reset_postgres(url: str) -> None:
    """An empty public schema: the suite's database starts from nothing."""
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


def base_settings(data_dir: Path) -> Settings:
    """The settings of the suite's app; tests that need other values derive theirs with make_app(**overrides)."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        environment="test",
        database_url=database_url(data_dir),
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


def production_settings(**overrides: Any) -> Settings:
    """Settings as production would have them (no .env file), with `overrides`."""
    return Settings(_env_file=None, **{**PRODUCTION_SAFE, **overrides})  # type: ignore[call-arg]
