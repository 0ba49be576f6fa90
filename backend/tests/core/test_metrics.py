"""GET /metrics: what an operator's Prometheus sees after advertisers used the app."""

import httpx
from prometheus_client.parser import text_string_to_metric_families

from app.copywriting.schemas import CopyBrief
from app.copywriting.service import write_with_deadline
from app.core.metrics import metrics_payload
from tests.support.apps import MakeApp
from tests.support.factories import UploadBuilder


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(snapshot: dict, name: str, **labels: str) -> float:
    return snapshot.get((name, frozenset(labels.items())), 0.0)


async def scrape(client: httpx.AsyncClient) -> dict:
    r = await client.get("/metrics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    return samples(r.text)


async def test_metrics_after_a_whole_flow(uploads: UploadBuilder, client: httpx.AsyncClient):
    before = await scrape(client)
    campaign = await uploads.approved()
    cid = campaign["id"]
    assert (await client.get(f"/api/v1/preview/{cid}")).status_code == 200
    assert (await client.get(f"/api/v1/download/{cid}")).status_code == 200
    assert (await client.get("/api/v1/download/not-a-uuid")).status_code == 422
    after = await scrape(client)

    def delta(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    # Latency and counts per route template: ids never appear in labels.
    upload = {"method": "POST", "route": "/api/v1/upload"}
    assert delta("http_requests_total", status="201", **upload) == 1
    assert delta("http_request_duration_seconds_count", **upload) == 1
    assert delta("http_request_duration_seconds_sum", **upload) > 0
    download = {"method": "GET", "route": "/api/v1/download/{campaign_id}"}
    assert delta("http_requests_total", status="200", **download) == 1
    assert delta("http_requests_total", status="422", **download) == 1
    assert not any(cid in str(labels) for _, labels in after)
    # Pipeline steps: one successful run of each; the failed download is not a step duration.
    for step in ("upload", "process", "generate", "preview", "approve", "download"):
        assert delta("hibid_pipeline_step_duration_seconds_count", step=step) == 1, step
    # Upload bytes: the logo and the photo the builder sends, well over a few KB.
    assert delta("hibid_upload_bytes_count") == 1
    assert delta("hibid_upload_bytes_sum") > 10_000


async def test_unknown_paths_share_one_label(client: httpx.AsyncClient):
    for i in range(3):
        await client.get(f"/no-such-page-{i}")
    after = await scrape(client)
    assert not any("no-such-page" in str(labels) for _, labels in after)
    assert value(after, "http_requests_total", method="GET", route="unmatched", status="404") >= 3


class FailingWriter:
    """A provider that is down: every call fails at once."""

    name = "failing"

    async def write(self, brief: CopyBrief, **kwargs: object) -> object:
        raise ConnectionError("provider down")


class SlowWriter:
    name = "slow"

    async def write(self, brief: CopyBrief, **kwargs: object) -> object:
        import asyncio

        await asyncio.Event().wait()  # never answers; the deadline must cut it off
        raise AssertionError("unreachable")


async def test_ai_fallbacks_are_counted():
    brief = CopyBrief(
        campaign_name="Spring Farm Auction",
        advertiser_name="Smith & Sons",
        text_content="Tractors and tools, Saturday 10 am.",
        tone="professional",
        cta_url=None,
        images=[],
    )
    before = samples(metrics_payload().decode())
    failed = await write_with_deadline(FailingWriter(), brief, 1.0)  # type: ignore[arg-type]
    late = await write_with_deadline(SlowWriter(), brief, 0.05)  # type: ignore[arg-type]
    after = samples(metrics_payload().decode())
    assert failed.source == "fallback" and late.source == "fallback"
    total = sum(v for (n, _), v in after.items() if n == "hibid_ai_fallbacks_total")
    total -= sum(v for (n, _), v in before.items() if n == "hibid_ai_fallbacks_total")
    assert total == 2
    assert (
        value(after, "hibid_ai_fallbacks_total", reason="timeout")
        - value(before, "hibid_ai_fallbacks_total", reason="timeout")
        == 1
    )


async def test_metrics_can_be_turned_off(make_app: MakeApp, tmp_path):
    async with (
        make_app(start=False, metrics_enabled=False, media_root=tmp_path) as quiet,
        httpx.AsyncClient(transport=httpx.ASGITransport(app=quiet), base_url="http://testserver") as c,
    ):
        assert (await c.get("/metrics")).status_code == 404
