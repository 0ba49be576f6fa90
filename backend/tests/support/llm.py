"""The OpenAI-compatible provider as tests see it: its base URL, the settings that point at it, its answers."""

import json
from typing import Any

import httpx

from app.core.config import Settings
from tests.support.fake_openai import completion

LLM_BASE = "https://llm.test/v1"


def openai_settings(base: Settings, **changes: Any) -> Settings:
    """The test settings with the OpenAI writer switched on (key, base URL) and any other changes."""
    return base.model_copy(update={"openai_api_key": "sk-test", "openai_base_url": LLM_BASE, **changes})


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
