"""Settings: env parsing and the refusal to run production with unsafe values."""

import pytest
from pydantic import ValidationError

from app.core.config import Settings


def make(**kwargs) -> Settings:
    return Settings(_env_file=None, **kwargs)  # type: ignore[call-arg]


def test_defaults_are_the_embedded_dev_setup():
    s = make()
    assert s.database_url.startswith("sqlite+aiosqlite:///")
    assert s.storage_backend == "local"
    assert s.openai_api_key is None
    assert s.max_upload_bytes == 5 * 1024 * 1024


def test_origins_from_a_comma_list_and_empty_values_are_none(monkeypatch):
    monkeypatch.setenv("ALLOWED_ORIGINS", "https://a.example, https://b.example")
    monkeypatch.setenv("S3_ENDPOINT_URL", "")
    s = make()
    assert s.allowed_origins == ["https://a.example", "https://b.example"]
    assert s.s3_endpoint_url is None


@pytest.mark.parametrize(
    ("overrides", "phrase"),
    [
        ({}, "SECRET_KEY"),
        ({"secret_key": "Xq7pV2mR9tLw4zNc8bHs6dJf3gKy5aUe", "allowed_origins": ["*"]}, "ALLOWED_ORIGINS"),
        ({"secret_key": "Xq7pV2mR9tLw4zNc8bHs6dJf3gKy5aUe", "debug": True}, "DEBUG"),
    ],
)
def test_production_refuses_unsafe_settings(overrides, phrase):
    with pytest.raises(ValidationError) as err:
        make(
            environment="production",
            allowed_origins=overrides.pop("allowed_origins", ["https://app.example"]),
            **overrides,
        )
    assert phrase in str(err.value)


def test_production_with_safe_settings_starts():
    s = make(
        environment="production",
        secret_key="Xq7pV2mR9tLw4zNc8bHs6dJf3gKy5aUe",
        allowed_origins=["https://app.example"],
        backend_url="https://app.example",  # images in emails load from a public https origin
    )
    assert s.environment == "production"
