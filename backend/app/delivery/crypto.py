"""API keys of connected email-service accounts, encrypted at rest (Fernet: AES-128-CBC + HMAC-SHA256)."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken

from app.core.config import Settings


class KeyUnreadable(Exception):
    """The stored key was encrypted with another INTEGRATIONS_KEY (or SECRET_KEY)."""


def _fernet(settings: Settings) -> Fernet:
    if settings.integrations_key:
        return Fernet(settings.integrations_key.encode())
    # No key of its own: one derived from SECRET_KEY, kept apart from the token signing by its label.
    digest = hashlib.sha256(b"hibid-integrations-v1:" + settings.secret_key.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt_key(settings: Settings, api_key: str) -> str:
    return _fernet(settings).encrypt(api_key.encode()).decode()


def decrypt_key(settings: Settings, ciphertext: str) -> str:
    try:
        return _fernet(settings).decrypt(ciphertext.encode()).decode()
    except InvalidToken as exc:
        raise KeyUnreadable from exc


def key_hint(api_key: str) -> str:
    """The last four characters, so two keys can be told apart without showing either."""
    return "…" + api_key[-4:] if len(api_key) >= 12 else "…"
