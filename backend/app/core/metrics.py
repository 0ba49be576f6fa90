"""Prometheus metrics: request latency per route template, pipeline steps, AI fallbacks and repairs, upload bytes.

With several uvicorn workers per container, set PROMETHEUS_MULTIPROC_DIR to an empty,
writable directory (emptied at container start): every worker then writes its samples
there and `/metrics` on any worker reports the sum over all of them. Without it, each
process reports only its own numbers (fine for one worker per container).
"""

import os
import time
from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 7.5, 10.0, 30.0)

HTTP_REQUESTS = Counter(
    "http_requests_total", "HTTP requests answered, by route template and status.", ["method", "route", "status"]
)
HTTP_LATENCY = Histogram(
    "http_request_duration_seconds",
    "Time to answer an HTTP request, by route template.",
    ["method", "route"],
    buckets=LATENCY_BUCKETS,
)
PIPELINE_STEP = Histogram(
    "hibid_pipeline_step_duration_seconds",
    "Duration of successful pipeline steps (upload, process, generate, preview, approve, download).",
    ["step"],
    buckets=LATENCY_BUCKETS,
)
AI_FALLBACKS = Counter(
    "hibid_ai_fallbacks_total", "Copy written by the offline writer because the AI provider failed.", ["reason"]
)
AI_REPAIRS = Counter(
    "hibid_ai_repairs_total",
    "Fixes made to an AI answer instead of discarding it: a string cut at a word boundary (shortened), an "
    "invalid optional item left out (dropped), a list cut to its limit (trimmed), one more ask (retried).",
    ["kind"],
)
UPLOAD_BYTES = Histogram(
    "hibid_upload_bytes",
    "Bytes of image files received per accepted upload.",
    buckets=(50_000, 200_000, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000, 20_000_000),
)

# (method, route template) -> pipeline step; the contract's endpoints (ARCHITECTURE.md).
PIPELINE_STEPS = {
    ("POST", "/api/v1/upload"): "upload",
    ("POST", "/api/v1/process/{campaign_id}"): "process",
    ("POST", "/api/v1/generate/{campaign_id}"): "generate",
    ("GET", "/api/v1/preview/{campaign_id}"): "preview",
    ("POST", "/api/v1/approve/{campaign_id}"): "approve",
    ("GET", "/api/v1/download/{campaign_id}"): "download",
}
_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def record_ai_fallback(reason: str) -> None:
    """Count one fallback; `reason` is a small fixed vocabulary (timeout, error)."""
    AI_FALLBACKS.labels(reason=reason).inc()


def record_ai_repair(kind: str) -> None:
    """Count one repair of an AI answer; `kind` is shortened, dropped, trimmed or retried."""
    AI_REPAIRS.labels(kind=kind).inc()


def record_upload(nbytes: int) -> None:
    UPLOAD_BYTES.observe(nbytes)


def route_template(scope: Scope) -> str:
    """The matched route's path template, never the raw path (ids would explode the label set).

    Rebuilt from the path and its parameters, so it does not depend on how routers are nested:
    /api/v1/process/3f2a... -> /api/v1/process/{campaign_id}; no matching route -> "unmatched".
    """
    if scope.get("route") is None:
        return "unmatched"
    path: str = scope.get("path", "")
    params: dict[str, Any] = scope.get("path_params") or {}
    # Longest values first, each replaced at its last occurrence: params sit at the end of templates.
    for name, value in sorted(params.items(), key=lambda kv: -len(str(kv[1]))):
        head, sep, tail = path.rpartition("/" + str(value))
        if sep and (not tail or tail.startswith("/")):
            path = f"{head}/{{{name}}}{tail}"
    return path or "/"


class MetricsMiddleware:
    """Times every HTTP request and counts it by route template and status."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the client gets if the app dies before answering

        async def send_with_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_with_status)
        finally:
            elapsed = time.perf_counter() - started
            method = scope["method"] if scope["method"] in _METHODS else "OTHER"
            route = route_template(scope)
            HTTP_REQUESTS.labels(method=method, route=route, status=str(status)).inc()
            HTTP_LATENCY.labels(method=method, route=route).observe(elapsed)
            step = PIPELINE_STEPS.get((method, route))
            if step and status < 400:
                PIPELINE_STEP.labels(step=step).observe(elapsed)


def metrics_payload() -> bytes:
    """The exposition text: this process's registry, or every worker's with PROMETHEUS_MULTIPROC_DIR."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry)
    return generate_latest(REGISTRY)


router = APIRouter(tags=["health"])


@router.get("/metrics", include_in_schema=False)
async def metrics() -> Response:
    """Prometheus scrape endpoint; for the private network only (nginx answers 404 to the internet)."""
    return Response(metrics_payload(), media_type=CONTENT_TYPE_LATEST, headers={"Cache-Control": "no-store"})
