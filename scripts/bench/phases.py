"""Where an upload's time goes inside the server: `uvicorn bench.phases:app` (scale --phases).

Wraps the real app (app.main:app) and, for each POST /api/v1/upload, appends one JSON line to
$BENCH_PHASES_DIR/phases-<pid>.jsonl with wall-clock marks (seconds since the epoch):
- `start`: uvicorn hands the request to the app (headers parsed);
- `body_first`, `body_last`: the first and last body chunk the app received (the multipart parser
  reads as the body arrives, so body_last is also the end of form parsing);
- `create_start`, `create_end`: create_campaign (after the sign-in dependency and reading the parts);
- `prepare`: first to last image check (structure checks, the logo's rendition), `store`: first to last
  file written, both spans within create_campaign;
- `response_start`, `end`: the response's headers, its last byte;
- `loop_lag_max`: the longest the event loop was late (by a 10 ms ticker) while the request ran;
- `cpu`: the process's CPU seconds (all threads) while the request ran: the upload's own cost when
  nothing else runs in the process (one advertiser), an upper bound otherwise.
Nothing else changes: the same code answers. For measurement only, never in production.
"""

import asyncio
import contextvars
import json
import os
import sys
import time
from collections import deque
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import app.campaigns.upload as upload_module
from app.main import app as real_app
from app.storage.local import LocalStorage

_marks: contextvars.ContextVar[dict[str, float] | None] = contextvars.ContextVar("bench_marks", default=None)
_lag: deque[tuple[float, float]] = deque(maxlen=20_000)  # (wall time, how late the ticker woke)
_ticker: "asyncio.Task[None] | None" = None
_out: Any = None


def _span(name: str, start: float, end: float) -> None:
    marks = _marks.get()
    if marks is None:
        return
    marks[f"{name}_start"] = min(marks.get(f"{name}_start", start), start)
    marks[f"{name}_end"] = max(marks.get(f"{name}_end", end), end)


def _timed(name: str, fn: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.time()
        try:
            return await fn(*args, **kwargs)
        finally:
            _span(name, start, time.time())

    return wrapper


_create = upload_module.create_campaign
for _module in list(sys.modules.values()):  # wherever the routes imported it from (the router moves)
    if getattr(_module, "create_campaign", None) is _create:
        _module.create_campaign = _timed("create", _create)  # type: ignore[attr-defined]
upload_module._prepare = _timed("prepare", upload_module._prepare)  # type: ignore[assignment]
_put = LocalStorage.put


async def _timed_put(self: LocalStorage, key: str, data: bytes, content_type: str) -> None:
    start = time.time()
    try:
        await _put(self, key, data, content_type)
    finally:
        _span("store", start, time.time())


LocalStorage.put = _timed_put  # type: ignore[method-assign]


async def _tick() -> None:
    while True:
        before = time.monotonic()
        await asyncio.sleep(0.01)
        _lag.append((time.time(), time.monotonic() - before - 0.01))


def _write(marks: dict[str, float]) -> None:
    global _out
    if _out is None:
        folder = Path(os.environ.get("BENCH_PHASES_DIR", "."))
        _out = open(folder / f"phases-{os.getpid()}.jsonl", "a", buffering=1)  # noqa: SIM115 - process-long
    start, end = marks["start"], marks.get("end", time.time())
    marks["loop_lag_max"] = max((lag for t, lag in _lag if start <= t <= end + 0.01), default=0.0)
    _out.write(json.dumps(marks) + "\n")


async def app(scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
    global _ticker
    if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != "/api/v1/upload":
        await real_app(scope, receive, send)
        return
    if _ticker is None:
        _ticker = asyncio.get_running_loop().create_task(_tick())
    marks: dict[str, float] = {"start": time.time()}
    cpu_start = time.process_time()
    _marks.set(marks)

    async def timed_receive() -> Any:
        message = await receive()
        now = time.time()
        if message["type"] == "http.request":
            marks.setdefault("body_first", now)
            if not message.get("more_body", False):
                marks["body_last"] = now
        return message

    async def timed_send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            marks["response_start"] = time.time()
            marks["status"] = message["status"]
        await send(message)
        if message["type"] == "http.response.body" and not message.get("more_body", False):
            marks["end"] = time.time()

    try:
        await real_app(scope, timed_receive, timed_send)
    finally:
        marks["cpu"] = time.process_time() - cpu_start
        _write(marks)
