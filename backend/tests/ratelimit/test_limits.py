"""Rate limits as a client meets them: 429, Retry-After and a sentence; in-process and through Redis."""

import random
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
import redis.asyncio as redis

from tests.support.apps import MakeApp
from tests.support.factories import UploadBuilder
from tests.support.settings import USER_PASSWORD

REDIS_URL = "redis://127.0.0.1:6379/0"


def random_ip() -> str:
    # A fresh client address per test: runs (and other suites on this Redis) never share counters.
    return f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


def ip_client(app: object, ip: str, token: str | None = None) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(ip, 40000))  # type: ignore[arg-type]
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.AsyncClient(transport=transport, base_url="http://testserver", headers=headers)


@pytest.fixture
async def tight_app(app: object, make_app: MakeApp) -> AsyncIterator[object]:
    # `app` first: it prepares the database this instance shares.
    async with make_app(
        rate_limit_login="3/minute",
        rate_limit_login_account="5/minute",
        rate_limit_upload="2/minute",
        rate_limit_process="2/minute",
        rate_limit_default="1000/minute",
    ) as instance:
        yield instance


async def _failed_logins(client: httpx.AsyncClient, email: str, times: int) -> list[httpx.Response]:
    return [
        await client.post("/api/v1/auth/login", data={"username": email, "password": "wrong password!"})
        for _ in range(times)
    ]


def _assert_limited(r: httpx.Response) -> None:
    assert r.status_code == 429, r.text
    assert r.json()["code"] == "rate_limited"
    assert "Try again in" in r.json()["detail"]
    assert 1 <= int(r.headers["retry-after"]) <= 60


async def test_repeated_failed_logins_trip_the_limit(tight_app: object):
    async with ip_client(tight_app, random_ip()) as c:
        first, second, third, fourth = await _failed_logins(c, f"{uuid.uuid4().hex}@example.com", 4)
    assert [first.status_code, second.status_code, third.status_code] == [401, 401, 401]
    _assert_limited(fourth)


async def test_guessing_one_account_from_many_addresses_meets_the_account_ceiling(tight_app: object):
    victim = f"{uuid.uuid4().hex}@example.com"
    answers = []
    for _ in range(6):
        async with ip_client(tight_app, random_ip()) as c:
            answers += await _failed_logins(c, victim, 1)
    assert [r.status_code for r in answers[:5]] == [401] * 5  # RATE_LIMIT_LOGIN_ACCOUNT=5/minute
    _assert_limited(answers[5])


async def test_a_stranger_guessing_cannot_lock_the_owner_out(app: object, make_app: MakeApp):
    """Ten wrong passwords from one address used to lock the account for a minute, for everyone."""
    email = f"{uuid.uuid4().hex}@example.com"
    async with make_app(rate_limit_login="10/minute", rate_limit_default="1000/minute") as instance:
        async with ip_client(instance, random_ip()) as owner:
            r = await owner.post("/api/v1/auth/register", json={"email": email, "password": USER_PASSWORD})
            assert r.status_code == 202
        async with ip_client(instance, "203.0.113.66") as stranger:
            answers = await _failed_logins(stranger, email, 15)
        assert [r.status_code for r in answers[:10]] == [401] * 10
        assert {r.status_code for r in answers[10:]} == {429}
        async with ip_client(instance, random_ip()) as owner:
            r = await owner.post("/api/v1/auth/login", data={"username": email, "password": USER_PASSWORD})
        assert r.status_code == 200, r.text


async def test_the_right_password_is_also_refused_once_limited(tight_app: object):
    email = f"{uuid.uuid4().hex}@example.com"
    async with ip_client(tight_app, random_ip()) as c:
        assert (
            await c.post("/api/v1/auth/register", json={"email": email, "password": USER_PASSWORD})
        ).status_code == 202
        await _failed_logins(c, email, 2)
        r = await c.post("/api/v1/auth/login", data={"username": email, "password": USER_PASSWORD})
    _assert_limited(r)


async def _token(app: object, email: str) -> str:
    # Sign up from its own address so the login limit under test is not spent here.
    async with ip_client(app, random_ip()) as c:
        await c.post("/api/v1/auth/register", json={"email": email, "password": USER_PASSWORD})
        r = await c.post("/api/v1/auth/login", data={"username": email, "password": USER_PASSWORD})
        return str(r.json()["access_token"])


async def test_uploads_are_limited_per_user(tight_app: object):
    token = await _token(tight_app, f"{uuid.uuid4().hex}@example.com")
    other = await _token(tight_app, f"{uuid.uuid4().hex}@example.com")
    async with ip_client(tight_app, random_ip(), token) as c:
        uploads = UploadBuilder(c)
        assert (await uploads.post(heroes=[])).status_code == 201
        assert (await uploads.post(heroes=[])).status_code == 201
        _assert_limited(await uploads.post(heroes=[]))
        # Reading is not an upload: still fine.
        assert (await c.get("/api/v1/campaigns")).status_code == 200
    # Another advertiser on another address is not affected.
    async with ip_client(tight_app, random_ip(), other) as c:
        assert (await UploadBuilder(c).post(heroes=[])).status_code == 201


async def test_process_is_limited(tight_app: object):
    token = await _token(tight_app, f"{uuid.uuid4().hex}@example.com")
    async with ip_client(tight_app, random_ip(), token) as c:
        cid = (await UploadBuilder(c).create(heroes=[]))["id"]
        assert (await c.post(f"/api/v1/process/{cid}")).status_code == 200
        assert (await c.post(f"/api/v1/process/{cid}")).status_code == 200
        _assert_limited(await c.post(f"/api/v1/process/{cid}"))


async def test_default_limit_covers_the_api_but_never_health(app: object, make_app: MakeApp):
    async with make_app(rate_limit_default="2/minute") as instance, ip_client(instance, random_ip()) as c:
        codes = [(await c.get("/api/v1/auth/me")).status_code for _ in range(3)]
        assert codes == [401, 401, 429]
        assert [(await c.get("/health")).status_code for _ in range(5)] == [200] * 5


async def test_limits_can_be_switched_off(app: object, make_app: MakeApp):
    off = make_app(rate_limit_default="1/minute", rate_limit_enabled=False)
    async with off as instance, ip_client(instance, random_ip()) as c:
        assert [(await c.get("/api/v1/auth/me")).status_code for _ in range(3)] == [401, 401, 401]


async def test_redis_limits_are_shared_by_every_replica(app: object, make_app: MakeApp):
    ip = random_ip()
    async with (
        make_app(redis_url=REDIS_URL, rate_limit_default="3/minute") as one,
        make_app(redis_url=REDIS_URL, rate_limit_default="3/minute") as two,
        ip_client(one, ip) as a,
        ip_client(two, ip) as b,
    ):
        codes = [
            (await a.get("/api/v1/auth/me")).status_code,
            (await b.get("/api/v1/auth/me")).status_code,
            (await a.get("/api/v1/auth/me")).status_code,
            (await b.get("/api/v1/auth/me")).status_code,
        ]
        limited = await a.get("/api/v1/auth/me")
    assert codes == [401, 401, 401, 429]
    _assert_limited(limited)
    client = redis.Redis.from_url(REDIS_URL)
    try:
        ttl = await client.pttl(f"hibid:rl:default:ip:{ip}")
        assert 0 < ttl <= 60_000  # the counter expires on its own
    finally:
        await client.delete(f"hibid:rl:default:ip:{ip}")
        await client.aclose()


async def test_an_unreachable_redis_lets_requests_through(app: object, make_app: MakeApp):
    down = make_app(redis_url="redis://127.0.0.1:1/0", rate_limit_default="1/minute")
    async with down as instance, ip_client(instance, random_ip()) as c:
        assert [(await c.get("/api/v1/auth/me")).status_code for _ in range(3)] == [401, 401, 401]
