"""ENVIRONMENT=production refuses to start with anything left at its development value."""

import pytest
from pydantic import ValidationError

from app.core.config import DEV_ADMIN_PASSWORD, Settings
from tests.support.settings import production_settings as make


@pytest.mark.parametrize(
    ("overrides", "phrase"),
    [
        ({"secret_key": "dev-only-change-me"}, "SECRET_KEY"),
        ({"secret_key": "short"}, "SECRET_KEY"),
        ({"allowed_origins": ["https://email.hibid.example", "*"]}, "ALLOWED_ORIGINS"),
        ({"debug": True}, "DEBUG"),
        ({"first_admin_password": DEV_ADMIN_PASSWORD}, "FIRST_ADMIN_PASSWORD"),
        ({"first_admin_password": "short"}, "FIRST_ADMIN_PASSWORD"),
        ({"rate_limit_login": "lots"}, "rate"),
        ({"rate_limit_login_account": "lots"}, "rate"),
        # Long enough, but nowhere near random.
        ({"secret_key": "a" * 64}, "SECRET_KEY is too easy to guess"),
        ({"secret_key": "ab" * 32}, "SECRET_KEY is too easy to guess"),
        ({"secret_key": "0123456789" * 4}, "SECRET_KEY is too easy to guess"),
        ({"secret_key": "my-production-secret-key-for-hibid-2026"}, "SECRET_KEY is too easy to guess"),
        ({"allowed_origins": ["null"]}, "'null' is not an https://host origin"),
        ({"allowed_origins": ["http://email.hibid.example"]}, "is not an https://host origin"),
        ({"allowed_origins": ["https://"]}, "'https://' is not an https://host origin"),
        ({"allowed_origins": ["https://email.hibid.example/app"]}, "scheme and host only"),
        ({"database_url": "postgresql+asyncpg://hibid:change-me-dev-password@postgres:5432/hibid"}, "DATABASE_URL"),
        ({"database_url": "postgresql+asyncpg://postgres:postgres@db:5432/hibid"}, "DATABASE_URL"),
        ({"postgres_password": "change-me-dev-password"}, "POSTGRES_PASSWORD"),
        ({"web_concurrency": 2}, "WEB_CONCURRENCY=2 needs REDIS_URL"),
    ],
)
def test_production_refuses_unsafe_settings(overrides, phrase):
    with pytest.raises(ValidationError) as err:
        make(**overrides)
    assert phrase in str(err.value)


def test_production_with_safe_settings_starts():
    assert make().environment == "production"
    assert make(first_admin_password=None).first_admin_password is None  # no bootstrap admin is fine
    # Real deployments: several workers sharing Redis, an https origin with a port, a random DB password.
    s = make(
        web_concurrency=4,
        redis_url="redis://redis:6379/0",
        allowed_origins=["https://email.hibid.example", "https://127.0.0.1:8443"],
        database_url="postgresql+asyncpg://hibid_app:9f0c2a7e51b34d68@db.internal:5432/hibid?ssl=require",
        postgres_password="9f0c2a7e51b34d68a1",
    )
    assert s.web_concurrency == 4


def test_every_problem_is_named_at_once():
    with pytest.raises(ValidationError) as err:
        make(secret_key="x" * 40, allowed_origins=["null"], web_concurrency=3)
    message = str(err.value)
    assert "SECRET_KEY" in message and "ALLOWED_ORIGINS" in message and "WEB_CONCURRENCY=3" in message


def test_web_concurrency_is_read_from_the_variable_uvicorn_uses(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    assert Settings(_env_file=None).web_concurrency == 3  # type: ignore[call-arg]
    with pytest.raises(ValidationError, match="WEB_CONCURRENCY=3 needs REDIS_URL"):
        make()


def test_dev_values_are_accepted_outside_production():
    s = Settings(_env_file=None, first_admin_password=DEV_ADMIN_PASSWORD)  # type: ignore[call-arg]
    assert s.first_admin_password == DEV_ADMIN_PASSWORD


def test_env_example_ships_the_documented_dev_admin():
    from app.core.config import REPO_DIR

    env = Settings(_env_file=REPO_DIR / ".env.example")  # type: ignore[call-arg]
    assert env.first_admin_email == "admin@example.com"
    assert env.first_admin_password == DEV_ADMIN_PASSWORD
