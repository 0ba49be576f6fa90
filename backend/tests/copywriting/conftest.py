"""An app whose copy writer is the real OpenAI client, and a respx mock of the provider's HTTP API."""

import json
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import respx

from app.core.config import Settings
from app.main import create_app
from tests.factories import UploadBuilder
from tests.support.fake_openai import completion, good_copy

LLM_BASE = "https://llm.test/v1"


async def signed_in_client(app: object) -> httpx.AsyncClient:
    """A client of the in-process app, signed in as a fresh advertiser when the app has accounts."""
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")  # type: ignore[arg-type]
    if (await client.get("/api/v1/auth/me")).status_code == 404:
        return client
    email, password = f"copy-{uuid.uuid4().hex[:10]}@example.com", uuid.uuid4().hex
    r = await client.post("/api/v1/auth/register", json={"email": email, "password": password})
    assert r.status_code == 202, r.text
    r = await client.post("/api/v1/auth/login", data={"username": email, "password": password})
    assert r.status_code == 200, r.text
    client.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
    return client


def openai_settings(base: Settings, **changes: Any) -> Settings:
    """The test settings with the OpenAI writer switched on (key, base URL) and any other changes."""
    return base.model_copy(update={"openai_api_key": "sk-test", "openai_base_url": LLM_BASE, **changes})


@pytest.fixture(scope="session")
async def openai_app(settings: Settings) -> AsyncIterator[object]:
    """A second app on the same database whose writer calls LLM_BASE (mocked by `llm`)."""
    application = create_app(openai_settings(settings))
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture(scope="session")
async def ai_client(openai_app: object) -> AsyncIterator[httpx.AsyncClient]:
    c = await signed_in_client(openai_app)
    try:
        yield c
    finally:
        await c.aclose()


@pytest.fixture
def ai_uploads(ai_client: httpx.AsyncClient) -> UploadBuilder:
    return UploadBuilder(ai_client)


@pytest.fixture
def llm() -> Iterator[respx.Route]:
    """The provider's chat endpoint, answering a good structured copy unless a test says otherwise."""
    with respx.mock(assert_all_called=False) as router:
        route = router.post(f"{LLM_BASE}/chat/completions", name="chat")
        route.side_effect = lambda request: httpx.Response(200, json=completion(json.dumps(good_copy(body(request)))))
        yield route


def body(request: httpx.Request) -> dict[str, Any]:
    """The JSON a request sent to the provider."""
    return dict(json.loads(request.content))


def answer(copy: dict[str, Any] | str | None, **kwargs: Any) -> httpx.Response:
    """A chat completion whose message content is `copy` (JSON-encoded unless already a string)."""
    content = copy if isinstance(copy, str) or copy is None else json.dumps(copy)
    return httpx.Response(200, json=completion(content, **kwargs))


def user_texts(request_body: dict[str, Any]) -> list[str]:
    """The text of every user message, in order."""
    out = []
    for message in request_body["messages"]:
        if message["role"] != "user":
            continue
        content = message["content"]
        out.append(content if isinstance(content, str) else "\n".join(p.get("text", "") for p in content))
    return out
