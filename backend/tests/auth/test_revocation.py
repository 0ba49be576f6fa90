"""Sign-out and a password change end every earlier session: tokens carry the account's version."""

import asyncio

import httpx

from tests.support.accounts import bearer, login, new_account
from tests.support.settings import USER_PASSWORD

NEW_PASSWORD = "violet tractor harbour 7"  # noqa: S105 - test-only


async def me(client: httpx.AsyncClient, token: str) -> int:
    return (await client.get("/api/v1/auth/me", headers=bearer(token))).status_code


async def test_sign_out_revokes_every_token_of_the_account(anon_client: httpx.AsyncClient):
    email, laptop = await new_account(anon_client)
    phone = (await login(anon_client, email)).json()["access_token"]
    assert await me(anon_client, laptop) == await me(anon_client, phone) == 200

    r = await anon_client.post("/api/v1/auth/logout", headers=bearer(laptop))
    assert r.status_code == 204 and r.content == b""

    for token in (laptop, phone):
        r = await anon_client.get("/api/v1/campaigns", headers=bearer(token))
        assert r.status_code == 401 and r.json()["code"] == "not_authenticated"
    # Signing in again works and gives a token that does.
    fresh = (await login(anon_client, email)).json()["access_token"]
    assert await me(anon_client, fresh) == 200


async def test_sign_out_needs_a_valid_token(anon_client: httpx.AsyncClient):
    r = await anon_client.post("/api/v1/auth/logout")
    assert r.status_code == 401 and r.json()["code"] == "not_authenticated"


async def test_password_change_revokes_old_tokens_and_returns_a_fresh_one(anon_client: httpx.AsyncClient):
    email, old = await new_account(anon_client)
    other_device = (await login(anon_client, email)).json()["access_token"]
    r = await anon_client.post(
        "/api/v1/auth/password",
        json={"current_password": USER_PASSWORD, "new_password": NEW_PASSWORD},
        headers=bearer(old),
    )
    assert r.status_code == 200, r.text
    fresh = r.json()["access_token"]
    assert r.json()["token_type"] == "bearer"

    assert await me(anon_client, old) == await me(anon_client, other_device) == 401
    assert await me(anon_client, fresh) == 200
    assert (await login(anon_client, email, USER_PASSWORD)).status_code == 401
    assert (await login(anon_client, email, NEW_PASSWORD)).status_code == 200


async def test_password_change_needs_the_current_password(anon_client: httpx.AsyncClient):
    email, token = await new_account(anon_client)
    r = await anon_client.post(
        "/api/v1/auth/password",
        json={"current_password": "not my password", "new_password": NEW_PASSWORD},
        headers=bearer(token),
    )
    assert r.status_code == 403 and r.json()["code"] == "wrong_password"
    assert "current password" in r.json()["detail"]
    # Nothing changed: the token still works, the old password still signs in.
    assert await me(anon_client, token) == 200
    assert (await login(anon_client, email)).status_code == 200


async def test_password_change_refuses_a_weak_or_unchanged_new_password(anon_client: httpx.AsyncClient):
    _, token = await new_account(anon_client)
    for new in ("1234567890", USER_PASSWORD):
        r = await anon_client.post(
            "/api/v1/auth/password",
            json={"current_password": USER_PASSWORD, "new_password": new},
            headers=bearer(token),
        )
        assert r.status_code == 422 and r.json()["code"] == "weak_password", new
    assert await me(anon_client, token) == 200


async def test_concurrent_sign_outs_leave_no_old_token_alive(anon_client: httpx.AsyncClient):
    email, token = await new_account(anon_client)
    tokens = [token] + [(await login(anon_client, email)).json()["access_token"] for _ in range(2)]
    answers = await asyncio.gather(*(anon_client.post("/api/v1/auth/logout", headers=bearer(t)) for t in tokens))
    assert all(r.status_code in (204, 401) for r in answers)
    assert [await me(anon_client, t) for t in tokens] == [401, 401, 401]
