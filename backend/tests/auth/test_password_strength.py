"""Passwords: long enough, not among the 10,000 most common, not easy to guess (zxcvbn score 3+)."""

import httpx
import pytest

from app.auth.passwords import password_problem
from tests.support.accounts import new_email, register


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("1234567890", "10,000 most common"),
        ("qwertyuiop", "10,000 most common"),
        ("          ", "too easy to guess"),
        ("password1234", "too easy to guess"),
        ("aaaaaaaaaaaaaaaa", "too easy to guess"),
    ],
)
async def test_common_or_guessable_passwords_are_refused_at_sign_up(
    anon_client: httpx.AsyncClient, password: str, why: str
):
    email = new_email()
    r = await register(anon_client, email, password)
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["code"] == "weak_password"
    assert why in body["detail"]
    assert "a few unrelated words" in body["detail"]  # says what works, too
    # Nothing was created: the address is still free for a good password.
    good = await register(anon_client, email, "plum kettle mariner 9")
    assert good.status_code == 202
    assert (
        await anon_client.post("/api/v1/auth/login", data={"username": email, "password": "plum kettle mariner 9"})
    ).status_code == 200


async def test_a_password_made_of_the_email_is_refused(anon_client: httpx.AsyncClient):
    email = new_email()
    r = await register(anon_client, email, email.split("@")[0] + "1")
    assert r.status_code == 422 and r.json()["code"] == "weak_password"


async def test_the_minimum_length_still_applies(anon_client: httpx.AsyncClient):
    r = await register(anon_client, new_email(), "Zq8#u!w")
    assert r.status_code == 422 and r.json()["code"] == "validation_error"
    assert "password" in r.json()["detail"]


@pytest.mark.parametrize("password", ["correct horse battery", "plum kettle mariner 9", "x8#kQ!" * 21 + "ab"])
def test_strong_passwords_pass(password: str):
    assert password_problem(password) is None
