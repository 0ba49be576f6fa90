"""Delivery settings that must stop the start when wrong, and keys encrypted with INTEGRATIONS_KEY."""

import pytest
from cryptography.fernet import Fernet
from pydantic import ValidationError

from app.core.config import Settings
from app.delivery.crypto import KeyUnreadable, decrypt_key, encrypt_key


def _settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg, arg-type]


def test_a_malformed_integrations_key_stops_the_start():
    with pytest.raises(ValidationError, match="INTEGRATIONS_KEY must be a Fernet key"):
        _settings(integrations_key="not-a-fernet-key")


def test_dkim_needs_key_selector_and_domain_together():
    with pytest.raises(ValidationError, match="set all three or none"):
        _settings(dkim_selector="proofs", dkim_domain="hibid.test")


def test_keys_are_encrypted_and_unreadable_with_another_key():
    first = _settings(integrations_key=Fernet.generate_key().decode())
    ciphertext = encrypt_key(first, "SG.secret-sendgrid-key")
    assert "secret" not in ciphertext and decrypt_key(first, ciphertext) == "SG.secret-sendgrid-key"
    with pytest.raises(KeyUnreadable):
        decrypt_key(_settings(integrations_key=Fernet.generate_key().decode()), ciphertext)
    # Without INTEGRATIONS_KEY the key is derived from SECRET_KEY: readable with the same one only.
    derived = _settings(secret_key="a" * 40)
    assert decrypt_key(derived, encrypt_key(derived, "k" * 20)) == "k" * 20
    with pytest.raises(KeyUnreadable):
        decrypt_key(_settings(secret_key="b" * 40), encrypt_key(derived, "k" * 20))
