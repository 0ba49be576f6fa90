"""Clients of an in-process app: anonymous, with a token, or signed in as a new or known account."""

import uuid

import httpx

from tests.support.baseline import keep_account
from tests.support.settings import USER_PASSWORD


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


async def baseline_client(app: object, email: str, password: str | None = None) -> httpx.AsyncClient:
    """A client signed in as `email` (registered first unless its password is given), for a session fixture:
    the account stays in the baseline every test returns to."""
    token = await (sign_in(app, email) if password is None else sign_in(app, email, password, register=False))
    await keep_account(app, email)
    return make_client(app, token)


async def signed_in_client(app: object) -> httpx.AsyncClient:
    """A client of the in-process app, signed in as a fresh advertiser when the app has accounts. For fixtures
    that outlive a test: the account stays in the baseline every test returns to."""
    client = make_client(app)
    if (await client.get("/api/v1/auth/me")).status_code == 404:
        return client
    email, password = f"copy-{uuid.uuid4().hex[:10]}@example.com", uuid.uuid4().hex
    r = await client.post("/api/v1/auth/register", json={"email": email, "password": password})
    assert r.status_code == 202, r.text
    r = await client.post("/api/v1/auth/login", data={"username": email, "password": password})
    assert r.status_code == 200, r.text
    client.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
    await keep_account(app, email)
    return client


def unknown_id() -> str:
    """An id no row has."""
    return str(uuid.uuid4())
