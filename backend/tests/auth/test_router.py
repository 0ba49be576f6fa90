"""Accounts: sign-up, sign-in, tokens, and the first admin."""

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import jwt
import pytest
from sqlmodel import select

from app.auth.models import User, UserRole
from app.auth.service import ensure_first_admin
from app.core.config import Settings
from app.core.security import create_access_token
from tests.support.apps import MakeApp
from tests.support.clients import make_client
from tests.support.settings import ADMIN_EMAIL, USER_PASSWORD


def new_email() -> str:
    return f"user-{uuid.uuid4().hex[:10]}@example.com"


async def register(client: httpx.AsyncClient, email: str, password: str = USER_PASSWORD) -> httpx.Response:
    return await client.post("/api/v1/auth/register", json={"email": email, "password": password})


async def login(client: httpx.AsyncClient, email: str, password: str = USER_PASSWORD) -> httpx.Response:
    return await client.post("/api/v1/auth/login", data={"username": email, "password": password})


async def test_register_then_sign_in_then_me(anon_client: httpx.AsyncClient):
    email = new_email()
    r = await register(anon_client, f"  {email.upper()} ")
    assert r.status_code == 202, r.text
    assert r.json()["email"] == email

    r = await login(anon_client, email.upper())
    assert r.status_code == 200, r.text
    token = r.json()
    assert token["token_type"] == "bearer" and token["access_token"]

    me = await anon_client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token['access_token']}"})
    assert me.status_code == 200
    user = me.json()
    assert set(user) == {"id", "email", "role"}
    assert user["email"] == email and user["role"] == "advertiser"


async def test_password_is_stored_as_an_argon2_hash(anon_client: httpx.AsyncClient, app):
    email = new_email()
    assert (await register(anon_client, email)).status_code == 202
    async with app.state.services.sessionmaker() as session:
        user = (await session.exec(select(User).where(User.email == email))).one()
    assert user.password_hash.startswith("$argon2id$")
    assert USER_PASSWORD not in user.password_hash


async def test_register_does_not_say_whether_an_email_is_taken(anon_client: httpx.AsyncClient, app):
    email = new_email()
    first = await register(anon_client, email)
    again = await register(anon_client, email.upper(), "another long password")
    assert first.status_code == again.status_code == 202
    assert first.json() == again.json()
    # Nothing changed for the owner; the second password opens nothing.
    assert (await login(anon_client, email)).status_code == 200
    wrong = await login(anon_client, email, "another long password")
    assert wrong.status_code == 401 and wrong.json()["detail"] == "Wrong email or password."
    async with app.state.services.sessionmaker() as session:
        assert len((await session.exec(select(User).where(User.email == email))).all()) == 1


@pytest.mark.parametrize(
    ("body", "phrase"),
    [
        ({"email": "a@example.com", "password": "short"}, "password"),
        ({"email": "not-an-email", "password": "long enough password"}, "email"),
        ({"email": "a@example.com", "password": "x" * 129}, "password"),
        ({"email": "a@example.com", "password": "long enough password", "role": "admin"}, "role"),
        ({"password": "long enough password"}, "email"),
    ],
)
async def test_bad_registrations_are_refused(anon_client: httpx.AsyncClient, body, phrase):
    r = await anon_client.post("/api/v1/auth/register", json=body)
    assert r.status_code == 422, r.text
    assert r.json()["code"] == "validation_error"
    assert phrase in r.json()["detail"]


async def test_sign_up_cannot_choose_admin_role(anon_client: httpx.AsyncClient):
    r = await anon_client.post(
        "/api/v1/auth/register", json={"email": new_email(), "password": USER_PASSWORD, "role": "admin"}
    )
    assert r.status_code == 422


async def test_wrong_password_and_unknown_email_get_the_same_answer(anon_client: httpx.AsyncClient):
    email = new_email()
    await register(anon_client, email)
    wrong = await login(anon_client, email, "not the password at all")
    unknown = await login(anon_client, new_email())
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json() == {"detail": "Wrong email or password.", "code": "invalid_credentials"}


async def test_login_needs_both_fields(anon_client: httpx.AsyncClient):
    r = await anon_client.post("/api/v1/auth/login", data={"username": "a@example.com"})
    assert r.status_code == 422
    assert r.json()["code"] == "validation_error"


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_missing_forged_expired_and_garbage_tokens_are_401(
    anon_client: httpx.AsyncClient, client: httpx.AsyncClient, settings: Settings
):
    me = (await client.get("/api/v1/auth/me")).json()
    user_id = uuid.UUID(me["id"])
    now = int(time.time())
    cases = {
        "missing": {},
        "garbage": _bearer("not-a-jwt"),
        "wrong scheme": {"Authorization": f"Basic {create_access_token(user_id, 0, settings)}"},
        "expired": _bearer(create_access_token(user_id, 0, settings, expires_in=timedelta(seconds=-60))),
        "forged": _bearer(
            jwt.encode({"sub": str(user_id), "type": "access", "exp": now + 600}, "x" * 40, algorithm="HS256")
        ),
        "alg none": _bearer(
            jwt.encode({"sub": str(user_id), "type": "access", "exp": now + 600}, None, algorithm="none")
        ),
        "no expiry": _bearer(
            jwt.encode({"sub": str(user_id), "type": "access", "ver": 0}, settings.secret_key, algorithm="HS256")
        ),
        "no version": _bearer(
            jwt.encode(
                {"sub": str(user_id), "type": "access", "exp": now + 600}, settings.secret_key, algorithm="HS256"
            )
        ),
        "unknown user": _bearer(create_access_token(uuid.uuid4(), 0, settings)),
    }
    for name, headers in cases.items():
        r = await anon_client.get("/api/v1/auth/me", headers=headers)
        assert r.status_code == 401, name
        assert r.json()["code"] == "not_authenticated", name
        assert r.headers["www-authenticate"] == "Bearer", name


async def test_first_admin_exists_and_is_admin(admin_client: httpx.AsyncClient):
    me = await admin_client.get("/api/v1/auth/me")
    assert me.json()["email"] == ADMIN_EMAIL
    assert me.json()["role"] == "admin"


async def test_first_admin_creation_is_idempotent_under_concurrent_starts(app, settings: Settings):
    email = new_email()
    replica = settings.model_copy(update={"first_admin_email": email, "first_admin_password": "replica password 1"})
    sessionmaker = app.state.services.sessionmaker
    await asyncio.gather(*(ensure_first_admin(sessionmaker, replica) for _ in range(3)))
    await ensure_first_admin(sessionmaker, replica)
    async with sessionmaker() as session:
        admins = (await session.exec(select(User).where(User.email == email))).all()
    assert len(admins) == 1 and admins[0].role == UserRole.admin


async def test_existing_advertiser_is_never_promoted_by_first_admin_setting(
    app, anon_client: httpx.AsyncClient, settings: Settings
):
    email = new_email()
    await register(anon_client, email)
    replica = settings.model_copy(update={"first_admin_email": email, "first_admin_password": "replica password 1"})
    await ensure_first_admin(app.state.services.sessionmaker, replica)
    token = (await login(anon_client, email)).json()["access_token"]
    assert (await anon_client.get("/api/v1/auth/me", headers=_bearer(token))).json()["role"] == "advertiser"


@pytest.fixture
async def closed_signup_client(app, make_app: MakeApp) -> AsyncIterator[httpx.AsyncClient]:
    # `app` first: it prepares the database this second instance shares.
    async with make_app(allow_signup=False) as closed, make_client(closed) as c:
        yield c


async def test_signup_can_be_switched_off(closed_signup_client: httpx.AsyncClient, client: httpx.AsyncClient):
    r = await register(closed_signup_client, new_email())
    assert r.status_code == 403
    assert r.json()["code"] == "signup_disabled"
    # Existing accounts (the `client` fixture's advertiser) still sign in.
    assert (await login(closed_signup_client, "advertiser@example.com")).status_code == 200


async def test_docs_authorize_button_points_at_login(anon_client: httpx.AsyncClient):
    schema = (await anon_client.get("/openapi.json")).json()
    flows = schema["components"]["securitySchemes"]["OAuth2PasswordBearer"]["flows"]
    assert flows["password"]["tokenUrl"] == "/api/v1/auth/login"
    assert schema["paths"]["/api/v1/campaigns"]["get"]["security"] == [{"OAuth2PasswordBearer": []}]
    assert "401" in schema["paths"]["/api/v1/campaigns"]["get"]["responses"]


async def test_concurrent_sign_ups_with_one_email_make_one_account(anon_client: httpx.AsyncClient, app):
    email = new_email()
    answers = await asyncio.gather(*(register(anon_client, email) for _ in range(4)))
    assert [r.status_code for r in answers] == [202] * 4
    assert len({r.text for r in answers}) == 1  # the race's losers cannot tell they lost
    async with app.state.services.sessionmaker() as session:
        assert len((await session.exec(select(User).where(User.email == email))).all()) == 1
    assert (await login(anon_client, email)).status_code == 200


async def test_swagger_authorize_form_signs_in(anon_client: httpx.AsyncClient, client: httpx.AsyncClient):
    """The /docs "Authorize" dialog posts every OAuth2 password-flow field, most of them empty."""
    form = {
        "grant_type": "password",
        "username": "advertiser@example.com",
        "password": USER_PASSWORD,
        "scope": "",
        "client_id": "",
        "client_secret": "",
    }
    r = await anon_client.post("/api/v1/auth/login", data=form)
    assert r.status_code == 200, r.text
    assert r.json()["token_type"] == "bearer"
