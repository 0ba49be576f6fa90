"""An app whose copy writer is the real OpenAI client, and a respx mock of the provider's HTTP API."""

import json
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import respx

from app.core.config import Settings
from tests.support.apps import MakeApp
from tests.support.clients import signed_in_client
from tests.support.factories import UploadBuilder
from tests.support.fake_openai import completion, good_copy
from tests.support.llm import LLM_BASE, body, openai_settings


@pytest.fixture(scope="session")
async def openai_app(settings: Settings, make_app: MakeApp) -> AsyncIterator[object]:
    """A second app on the same database whose writer calls LLM_BASE (mocked by `llm`)."""
    async with make_app(base=openai_settings(settings)) as application:
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
