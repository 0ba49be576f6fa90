"""E-mail addresses: one spelling per mailbox, invisible characters refused, never a 500 (also on PostgreSQL)."""

import uuid

import httpx
import pytest
from sqlmodel import select

from app.auth.models import User
from tests.support.accounts import login, register


@pytest.mark.parametrize(
    "hidden",
    ["\x00", "\u200b", "\u202e", "\u2066", "\ufeff", "\u00ad"],
    ids=["NUL", "zero-width space", "RTL override", "LTR isolate", "BOM", "soft hyphen"],
)
async def test_invisible_characters_in_an_email_are_refused(anon_client: httpx.AsyncClient, hidden: str, app):
    name = f"admin-{uuid.uuid4().hex[:6]}"
    email = f"{name}{hidden}@example.com"
    r = await register(anon_client, email)
    assert r.status_code == 422, r.text
    assert r.json()["code"] == "validation_error"
    assert "invisible or control character" in r.json()["detail"]

    r = await login(anon_client, email)
    assert r.status_code == 422, r.text
    assert r.json()["code"] == "invalid_email"
    async with app.state.services.sessionmaker() as session:
        assert (await session.exec(select(User).where(User.email.startswith(name)))).first() is None  # type: ignore[attr-defined]


async def test_look_alike_spellings_are_one_account(anon_client: httpx.AsyncClient):
    name = f"jane{uuid.uuid4().hex[:6]}"
    fullwidth = "".join(chr(ord(c) + 0xFEE0) if c.isalnum() else c for c in name.upper())  # "ＪＡＮＥ…"
    assert (await register(anon_client, f"{fullwidth}@Example.COM")).json()["email"] == f"{name}@example.com"
    assert (await login(anon_client, f"{name}@example.com")).status_code == 200
    assert (await login(anon_client, f" {name.upper()}@EXAMPLE.com ")).status_code == 200


@pytest.mark.parametrize(
    "email",
    ["not-an-email", "two@@example.com", "a b@example.com", "name@localhost", "<x>@example.com", "x@[127.0.0.1]"],
)
async def test_malformed_emails_are_refused_with_a_sentence(anon_client: httpx.AsyncClient, email: str):
    r = await register(anon_client, email)
    assert r.status_code == 422, r.text
    assert "name@example.com" in r.json()["detail"]
