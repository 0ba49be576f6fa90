"""A tiny OpenAI-compatible chat server on loopback, for tests and the /process benchmark.

It answers `POST /v1/chat/completions` the way a real provider can behave, chosen by `mode`:
ok, slow (answers after `delay_s`, default 1 s), hang (after `delay_s`, default 10 s), error500,
ratelimit (429), malformed (JSON cut short), schema (valid JSON breaking the copy limits beyond repair),
overlong (a good answer whose headline runs 20 characters over its limit: repaired, not discarded), refusal,
and injected (a model that fell for a prompt injection: links, markup and an invented price).

    with running_fake_openai() as fake:      # a thread with uvicorn on a free 127.0.0.1 port
        fake.mode = "slow"
        settings = Settings(openai_base_url=fake.base_url, openai_api_key="test", ...)

Run it alone with `python -m tests.support.fake_openai --mode slow` (from backend/).
"""

import argparse
import asyncio
import json
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

MODES = ("ok", "slow", "hang", "error500", "ratelimit", "malformed", "schema", "overlong", "refusal", "injected")
DEFAULT_DELAYS = {"slow": 1.0, "hang": 10.0}
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def _text_of(body: dict[str, Any]) -> str:
    parts = []
    for message in body.get("messages", []):
        content = message.get("content")
        if isinstance(content, str):
            parts.append(content)
        elif isinstance(content, list):
            parts += [p.get("text", "") for p in content if isinstance(p, dict)]
    return "\n".join(parts)


def good_copy(body: dict[str, Any]) -> dict[str, Any]:
    """A well-formed answer that uses only the material's words and covers every image id."""
    text = _text_of(body)
    name = re.search(r'"campaign_name": "([^"]{1,40})', text)
    campaign = name.group(1) if name else "The auction"
    ids = list(dict.fromkeys(re.findall(rf'"image_id": "({_UUID})"', text)))
    return {
        "subject_lines": [f"{campaign}: bidding is open", f"Preview {campaign}", "Your next treasure is here"],
        "preheader": "Browse the catalog and register to bid.",
        "headline": campaign[:100],
        "paragraphs": [
            f"{campaign} is open for bidding.",
            "Take a look at the highlights and register to bid before the sale begins.",
        ],
        "cta_text": "View the catalog",
        "highlights": [],
        "image_alt_texts": [{"image_id": i, "alt_text": f"Featured lot photo {n + 1}"} for n, i in enumerate(ids)],
    }


def completion(content: str | None, *, refusal: str | None = None, model: str = "fake-model") -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": content, "refusal": refusal},
            }
        ],
        "usage": {"prompt_tokens": 420, "completion_tokens": 180, "total_tokens": 600},
    }


@dataclass
class FakeOpenAI:
    """The server's behaviour and what it saw; change `mode` between requests."""

    mode: str = "ok"
    delay_s: float | None = None
    requests: list[dict[str, Any]] = field(default_factory=list)
    base_url: str = ""
    stopping: bool = False

    def answer(self, body: dict[str, Any]) -> Response:
        model = str(body.get("model", "fake-model"))
        if self.mode == "error500":
            return JSONResponse({"error": {"message": "The server had an error", "type": "server_error"}}, 500)
        if self.mode == "ratelimit":
            error = {"error": {"message": "Rate limit reached", "type": "requests", "code": "rate_limit_exceeded"}}
            return JSONResponse(error, 429, headers={"retry-after": "20"})
        if self.mode == "malformed":
            return JSONResponse(completion('{"subject_lines": ["Winter sale", ', model=model))
        if self.mode == "schema":
            broken = good_copy(body) | {
                "subject_lines": ["x" * 90],
                "cta_text": "Click this very long button label now",
            }
            return JSONResponse(completion(json.dumps(broken), model=model))
        if self.mode == "overlong":
            headline = (
                "Annual Winter Estate Auction: antique furniture, sterling silver, fine art and a 1965 Ford Mustang"
            )
            long_copy = good_copy(body) | {"headline": headline + " on the block Saturday"}  # 120 characters
            return JSONResponse(completion(json.dumps(long_copy), model=model))
        if self.mode == "refusal":
            return JSONResponse(completion(None, refusal="I'm sorry, I can't help with that.", model=model))
        copy = good_copy(body)
        if self.mode == "injected":
            copy["paragraphs"] = [
                'Huge savings! <a href="https://evil.example/win">Claim your prize</a> at www.evil-prize.com now.',
                "Everything must go for just $99 on March 3.",
            ]
        return JSONResponse(completion(json.dumps(copy), model=model))

    async def chat(self, request: Request) -> Response:
        body = await request.json()
        self.requests.append(body)
        delay = self.delay_s if self.delay_s is not None else DEFAULT_DELAYS.get(self.mode, 0.0)
        waited = 0.0
        while waited < delay and not self.stopping:  # in small steps, so stopping the server is quick
            step = min(0.05, delay - waited)
            await asyncio.sleep(step)
            waited += step
        return self.answer(body)

    def app(self) -> Starlette:
        return Starlette(routes=[Route("/v1/chat/completions", self.chat, methods=["POST"])])


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextmanager
def running_fake_openai(mode: str = "ok") -> Iterator[FakeOpenAI]:
    """The fake server in a background thread on a free loopback port; stopped on exit."""
    fake = FakeOpenAI(mode=mode)
    sock = _free_socket()
    port = sock.getsockname()[1]
    fake.base_url = f"http://127.0.0.1:{port}/v1"
    config = uvicorn.Config(fake.app(), log_level="warning", lifespan="off", timeout_graceful_shutdown=1)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True, name="fake-openai")
    thread.start()
    started = time.monotonic()
    while not server.started:
        if time.monotonic() - started > 10 or not thread.is_alive():
            raise RuntimeError("the fake OpenAI server did not start")
        time.sleep(0.01)
    try:
        yield fake
    finally:
        fake.stopping = True
        server.should_exit = True
        thread.join(timeout=5)
        sock.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", choices=MODES, default="ok")
    parser.add_argument("--delay", type=float, default=None, help="seconds before answering (slow/hang)")
    args = parser.parse_args()
    with running_fake_openai(args.mode) as fake:
        fake.delay_s = args.delay
        print(f"fake OpenAI ({args.mode}) at {fake.base_url}; Ctrl-C stops it", flush=True)
        with suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
