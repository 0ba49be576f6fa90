"""ENVIRONMENT=production refuses to start with anything left at its development value."""

import pytest
from pydantic import ValidationError

from app.core.config import DEV_ADMIN_PASSWORD, Settings

SAFE = {
    "environment": "production",
    "secret_key": "s" * 48,
    "allowed_origins": ["https://email.hibid.example"],
    "first_admin_email": "ops@hibid.example",
    "first_admin_password": "a-long-random-admin-password",
}


def make(**overrides) -> Settings:
    return Settings(_env_file=None, **{**SAFE, **overrides})  # type: ignore[call-arg]


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
    ],
)
def test_production_refuses_unsafe_settings(overrides, phrase):
    with pytest.raises(ValidationError) as err:
        make(**overrides)
    assert phrase in str(err.value)


def test_production_with_safe_settings_starts():
    assert make().environment == "production"
    assert make(first_admin_password=None).first_admin_password is None  # no bootstrap admin is fine


def test_dev_values_are_accepted_outside_production():
    s = Settings(_env_file=None, first_admin_password=DEV_ADMIN_PASSWORD)  # type: ignore[call-arg]
    assert s.first_admin_password == DEV_ADMIN_PASSWORD


def test_env_example_ships_the_documented_dev_admin():
    from app.core.config import REPO_DIR

    env = Settings(_env_file=REPO_DIR / ".env.example")  # type: ignore[call-arg]
    assert env.first_admin_email == "admin@example.com"
    assert env.first_admin_password == DEV_ADMIN_PASSWORD
