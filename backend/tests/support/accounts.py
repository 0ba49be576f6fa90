"""Small steps the account tests share: a fresh address, sign-up, sign-in, a bearer header."""

import uuid

import httpx

from tests.support.settings import USER_PASSWORD


def new_email() -> str:
    return f"user-{uuid.uuid4().hex[:10]}@example.com"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def register(client: httpx.AsyncClient, email: str, password: str = USER_PASSWORD) -> httpx.Response:
    return await client.post("/api/v1/auth/register", json={"email": email, "password": password})


async def login(client: httpx.AsyncClient, email: str, password: str = USER_PASSWORD) -> httpx.Response:
    return await client.post("/api/v1/auth/login", data={"username": email, "password": password})


async def new_account(client: httpx.AsyncClient, password: str = USER_PASSWORD) -> tuple[str, str]:
    """A fresh advertiser's email and a token for it."""
    email = new_email()
    assert (await register(client, email, password)).status_code == 202
    r = await login(client, email, password)
    assert r.status_code == 200, r.text
    return email, str(r.json()["access_token"])
