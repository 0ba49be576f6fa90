"""The real app against an OpenAI-compatible HTTP server on loopback, one provider behaviour at a time.

Whatever the server does, POST /process answers 200 within the 5 s budget and `source` says who wrote
the copy. This module holds the one test that really waits for the deadline (the 10 s hang).
"""

import json
import time
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from tests.support.apps import MakeApp
from tests.support.clients import signed_in_client
from tests.support.factories import UploadBuilder, jpeg
from tests.support.fake_openai import FakeOpenAI, running_fake_openai

BUDGET_S = 5.0


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeOpenAI]:
    with running_fake_openai() as server:
        yield server


@pytest.fixture(scope="module")
async def loopback_client(make_app: MakeApp, fake: FakeOpenAI) -> AsyncIterator[httpx.AsyncClient]:
    # The shipped deadline (AI_DEADLINE_S default), so this is the budget users get.
    async with make_app(openai_api_key="sk-loopback", openai_base_url=fake.base_url, ai_deadline_s=4.0) as application:
        client = await signed_in_client(application)
        try:
            yield client
        finally:
            await client.aclose()


CASES = [
    ("ok", "openai", None),
    ("slow", "openai", None),
    ("injected", "openai", None),
    ("hang", "fallback", "did not answer within 4 s"),
    ("error500", "fallback", "server error (HTTP 500)"),
    ("ratelimit", "fallback", "rate limit was reached (HTTP 429)"),
    ("malformed", "fallback", "not valid JSON"),
    ("schema", "fallback", "broke the copy limits"),
    ("overlong", "openai", None),  # one string 20 characters over its limit: repaired, not discarded
    ("refusal", "fallback", "declined to write this copy"),
]


async def test_process_answers_in_time_whatever_the_provider_does(loopback_client: httpx.AsyncClient, fake: FakeOpenAI):
    uploads = UploadBuilder(loopback_client)
    seen = {}
    for mode, source, reason in CASES:
        fake.mode = mode
        campaign = await uploads.create(heroes=[("lot.jpg", jpeg(640, 480), "image/jpeg")])
        started = time.perf_counter()
        r = await loopback_client.post(f"/api/v1/process/{campaign['id']}")
        elapsed = time.perf_counter() - started
        assert r.status_code == 200, (mode, r.text)
        result = r.json()
        seen[mode] = (result["source"], result["fallback_reason"])
        assert elapsed < BUDGET_S, (mode, elapsed)
        assert result["source"] == source, (mode, result["fallback_reason"])
        if reason:
            assert reason in result["fallback_reason"], mode
        else:
            assert result["fallback_reason"] is None
        assert len(result["copy"]["subject_lines"]) == 3
        assert result["campaign"]["status"] == "processed"
        if mode == "overlong":
            assert result["copy"]["headline"].endswith("fine art and a 1965 Ford Mustang")
            assert "ai_shortened" in {w["code"] for w in result["copy"]["warnings"]}
        if mode == "injected":
            words = " ".join(result["copy"]["paragraphs"])
            assert "evil" not in words and "<a" not in words
            assert {"link_removed", "unverified_price", "unverified_date"} <= {
                w["code"] for w in result["copy"]["warnings"]
            }
    assert len(seen) == len(CASES)
    # Every request carried the model name and the photo at low detail.
    assert all(r["model"] == "gpt-4o-mini" for r in fake.requests)
    assert any(
        p.get("image_url", {}).get("detail") == "low"
        for r in fake.requests
        for m in r["messages"]
        if isinstance(m["content"], list)
        for p in m["content"]
    )


async def test_feedback_and_reuse_over_http(loopback_client: httpx.AsyncClient, fake: FakeOpenAI):
    fake.mode = "ok"
    uploads = UploadBuilder(loopback_client)
    campaign = await uploads.ready_for_review(heroes=[])
    cid = campaign["id"]
    asked = len(fake.requests)

    again = (await loopback_client.post(f"/api/v1/process/{cid}")).json()
    assert again["reused"] is True and len(fake.requests) == asked  # same inputs: no new call

    comment = "Lead with the 1965 Ford Mustang."
    r = await loopback_client.post(f"/api/v1/approve/{cid}", json={"decision": "request_changes", "comment": comment})
    assert r.status_code == 200
    redo = await loopback_client.post(f"/api/v1/process/{cid}")
    assert redo.status_code == 200 and redo.json()["source"] == "openai"
    assert len(fake.requests) == asked + 1
    assert comment in json.dumps(fake.requests[-1])
