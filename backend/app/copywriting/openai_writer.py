"""The OpenAI writer: structured outputs from OpenAI or any OpenAI-compatible server.

Every way the provider can let us down becomes a `WriterFailure` with a short reason a user can
read; the service then uses the offline copy. The SDK's own retries are off: this writer retries
once itself, and only when the retry still fits inside the deadline.

A usable answer that breaks a limit is repaired (answer_repair), not discarded; an answer whose required
fields are unusable is sent back once with what was wrong, when a whole answer still fits the deadline.
"""

import asyncio
import json
import logging
from typing import Any

import httpx
import openai
from openai import AsyncOpenAI
from pydantic import ValidationError

from app.copywriting.answer_repair import Repair, UnusableAnswer, repair_answer
from app.copywriting.offline import compose_offline_copy
from app.copywriting.prompt import build_messages, response_format, retry_messages
from app.copywriting.schemas import CopyBrief, CopyDraft, WrittenCopy
from app.core.config import Settings
from app.core.metrics import record_ai_repair

logger = logging.getLogger(__name__)

# Left for our own bookkeeping after the provider answers, so the writer's reason wins the race
# against the service's hard timeout.
MARGIN_S = 0.1
# A retry is only worth it when a whole answer can still arrive in the time left.
MIN_ATTEMPT_S = 1.5
MAX_RETRY_WAIT_S = 1.0
RESPONSE_FORMAT = response_format()


class WriterFailure(Exception):
    """The provider gave no usable copy; `user_reason` says why in words a user can read."""

    def __init__(self, kind: str, user_reason: str):
        super().__init__(user_reason)
        self.kind = kind
        self.user_reason = user_reason


def _retry_after(exc: openai.APIStatusError) -> float | None:
    headers = exc.response.headers
    try:
        if ms := headers.get("retry-after-ms"):
            return float(ms) / 1000
        if seconds := headers.get("retry-after"):
            return float(seconds)
    except ValueError:
        return None
    return None


def _schema_problem(exc: ValidationError) -> str:
    errors = exc.errors()
    if not errors:
        return "invalid"
    where = ".".join(str(p) for p in errors[0]["loc"]) or "answer"
    return f"{where}: {errors[0]['msg']}"[:200]


def describe_failure(exc: BaseException, budget_s: float) -> WriterFailure:
    """Turn a provider or parsing error into a specific, user-readable reason."""
    if isinstance(exc, WriterFailure):
        return exc
    if isinstance(exc, openai.APITimeoutError | TimeoutError):
        return WriterFailure("timeout", f"the AI provider did not answer within {budget_s:g} s")
    if isinstance(exc, openai.RateLimitError):
        return WriterFailure("rate_limited", "the AI provider's rate limit was reached (HTTP 429)")
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        if status >= 500:
            return WriterFailure("provider_error", f"the AI provider had a server error (HTTP {status})")
        if status in (401, 403):
            return WriterFailure("auth", f"the AI provider refused our API key (HTTP {status})")
        if status == 404:
            return WriterFailure("provider_error", "the AI provider does not know this model or address (HTTP 404)")
        return WriterFailure("provider_error", f"the AI provider rejected the request (HTTP {status})")
    if isinstance(exc, openai.APIConnectionError):
        return WriterFailure("unreachable", "the AI provider could not be reached")
    if isinstance(exc, openai.LengthFinishReasonError):
        return WriterFailure("truncated", "the AI answer was cut off before it was complete")
    if isinstance(exc, openai.ContentFilterFinishReasonError):
        return WriterFailure("refusal", "the AI provider's content filter stopped the answer")
    if isinstance(exc, ValidationError):
        if any(e.get("type") == "json_invalid" for e in exc.errors()):
            return WriterFailure("malformed_json", "the AI answer was not valid JSON")
        return WriterFailure("schema", f"the AI answer broke the copy limits ({_schema_problem(exc)})")
    return WriterFailure("unexpected", f"the AI provider's answer could not be used ({type(exc).__name__})")


def _content_of(completion: Any) -> str:
    """The answer's text; WriterFailure when the model refused, was cut off or said nothing."""
    choice = completion.choices[0]
    if choice.finish_reason == "length":
        raise WriterFailure("truncated", "the AI answer was cut off before it was complete")
    if choice.finish_reason == "content_filter":
        raise WriterFailure("refusal", "the AI provider's content filter stopped the answer")
    if choice.message.refusal:
        raise WriterFailure("refusal", "the AI declined to write this copy")
    if not choice.message.content:
        raise WriterFailure("malformed_json", "the AI answer was empty")
    return str(choice.message.content)


class OpenAIWriter:
    """Copy from an OpenAI chat model with structured outputs, inside a hard deadline."""

    name = "openai"
    wants_images = True

    def __init__(self, settings: Settings, http_client: httpx.AsyncClient | None = None):
        self.model = settings.openai_model
        self.default_budget_s = settings.ai_deadline_s
        # Our own httpx client: connection limits sized to the concurrency cap, and one the tests can mock.
        self._http = http_client or httpx.AsyncClient(
            limits=httpx.Limits(max_connections=max(2, settings.ai_max_concurrency), max_keepalive_connections=4),
            timeout=httpx.Timeout(settings.ai_deadline_s, connect=min(2.0, settings.ai_deadline_s)),
        )
        self.client = AsyncOpenAI(
            api_key=settings.openai_api_key,
            base_url=settings.openai_base_url,
            max_retries=0,
            timeout=settings.ai_deadline_s,
            # openai 3.x speaks httpx2 but accepts an httpx client; 2.x speaks httpx natively.
            http_client=self._http,  # type: ignore[arg-type,unused-ignore]
        )
        self._slots = asyncio.Semaphore(max(1, settings.ai_max_concurrency))
        # Text-only models (many vLLM/Ollama setups) answer 400 to image parts: after the first such
        # answer this writer sends words only.
        self.send_images = True

    async def aclose(self) -> None:
        await self.client.close()
        await self._http.aclose()

    async def write(self, brief: CopyBrief, *, deadline: float | None = None) -> WrittenCopy:
        """Ask the model for the copy; raises WriterFailure with the reason when it cannot be used."""
        loop = asyncio.get_running_loop()
        started = loop.time()
        deadline = deadline if deadline is not None else started + self.default_budget_s
        budget = deadline - started
        try:
            async with asyncio.timeout_at(deadline - MARGIN_S):
                await self._slots.acquire()
        except TimeoutError:
            raise WriterFailure("busy", "too many emails were being written at once") from None
        try:
            draft, repairs, completion, tokens = await self._answer(brief, deadline, budget)
        finally:
            self._slots.release()
        for repair in repairs:
            logger.info(
                "AI answer repaired", extra={"kind": repair.kind, "field": repair.field, "detail": repair.message}
            )
            record_ai_repair(repair.kind)
        return WrittenCopy(
            draft=draft,
            source="openai",
            tokens_used=tokens,
            latency_ms=int((loop.time() - started) * 1000),
            model=completion.model or self.model,
            warnings=[r.warning() for r in repairs],
        )

    async def _answer(
        self, brief: CopyBrief, deadline: float, budget: float
    ) -> tuple[CopyDraft, list[Repair], Any, int | None]:
        """The repaired draft, its repairs, the completion used and the tokens of every attempt.

        An answer that is not JSON or whose required fields are unusable is sent back once, with the
        problems, when a whole answer still fits before the deadline.
        """
        loop = asyncio.get_running_loop()
        offline_alts = compose_offline_copy(brief).alt_texts
        follow_up: list[dict[str, Any]] = []
        tokens: int | None = None
        for attempt in (1, 2):
            completion = await self._complete(brief, deadline, budget, follow_up)
            content: str | None = None
            try:
                usage = completion.usage
                if usage is not None and usage.total_tokens is not None:
                    tokens = (tokens or 0) + usage.total_tokens
                content = _content_of(completion)
                draft, repairs = repair_answer(json.loads(content), brief, offline_alts)
                return draft, repairs, completion, tokens
            except (json.JSONDecodeError, UnusableAnswer) as exc:
                if isinstance(exc, UnusableAnswer):
                    problems = exc.problems
                    failure = WriterFailure("schema", f"the AI answer broke the copy limits ({exc})"[:300])
                else:
                    problems = ["the answer was not valid JSON: give one complete JSON object"]
                    failure = WriterFailure("malformed_json", "the AI answer was not valid JSON")
                if attempt == 2 or deadline - loop.time() < MIN_ATTEMPT_S:
                    raise failure from exc
                logger.info("asking the AI again with what was wrong", extra={"problems": problems})
                record_ai_repair("retried")
                follow_up = retry_messages(content, problems)
            except Exception as exc:
                raise describe_failure(exc, budget) from exc
        raise AssertionError("unreachable")  # pragma: no cover

    async def _complete(self, brief: CopyBrief, deadline: float, budget: float, follow_up: list[dict[str, Any]]) -> Any:
        loop = asyncio.get_running_loop()
        with_images = self.send_images and any(i.data_url for i in brief.images)
        messages = build_messages(brief, with_images=with_images) + follow_up
        dropped_images = False
        for attempt in (1, 2):
            remaining = deadline - loop.time() - MARGIN_S
            if remaining <= 0:
                raise describe_failure(TimeoutError(), budget)
            try:
                # Plain dicts for the messages and the schema: the SDK's TypedDicts add nothing here.
                completion = await self.client.chat.completions.create(  # type: ignore[call-overload]
                    model=self.model,
                    messages=messages,
                    response_format=RESPONSE_FORMAT,
                    timeout=remaining,
                )
                if dropped_images:
                    logger.warning("the AI provider refused the photos and took words only; sending words only now")
                    self.send_images = False
                return completion
            except (openai.RateLimitError, openai.InternalServerError, openai.APIConnectionError) as exc:
                if isinstance(exc, openai.APITimeoutError) or attempt == 2:
                    raise describe_failure(exc, budget) from exc
                wait = _retry_after(exc) if isinstance(exc, openai.APIStatusError) else None
                wait = 0.25 if wait is None else wait
                if wait > MAX_RETRY_WAIT_S or deadline - loop.time() - wait < MIN_ATTEMPT_S:
                    raise describe_failure(exc, budget) from exc
                logger.info("retrying the AI provider", extra={"error": type(exc).__name__, "wait_s": wait})
                await asyncio.sleep(wait)
            except openai.BadRequestError as exc:
                if not with_images or attempt == 2 or deadline - loop.time() < MIN_ATTEMPT_S:
                    raise describe_failure(exc, budget) from exc
                with_images, dropped_images = False, True
                messages = build_messages(brief, with_images=False) + follow_up
            except Exception as exc:
                raise describe_failure(exc, budget) from exc
        raise AssertionError("unreachable")  # pragma: no cover
