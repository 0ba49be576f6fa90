"""What every email-service client shares: the template pushed, the answer, HTTP and its documented errors."""

import asyncio
import logging
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Template:
    """The email as an email service stores it (HTML and text already carry that service's merge tags)."""

    name: str
    subject: str
    preheader: str
    html: str
    text: str
    from_name: str
    from_email: str


@dataclass(frozen=True)
class Pushed:
    remote_id: str
    url: str | None


class EspError(Exception):
    """A call the service answered with an error (or not at all); `kind` says which, `detail` in a sentence."""

    def __init__(self, kind: str, detail: str, *, retry_after: int | None = None):
        super().__init__(detail)
        self.kind = kind  # "unauthorized" | "rate_limited" | "rejected" | "unavailable" | "not_found"
        self.detail = detail
        self.retry_after = retry_after


class Provider(Protocol):
    """One email service, bound to one account's API key."""

    name: str  # as the user reads it: "Mailchimp"

    def headers(self) -> dict[str, str]: ...

    async def create(self, http: "EspHttp", template: Template) -> Pushed: ...

    async def update(self, http: "EspHttp", remote_id: str, template: Template) -> Pushed: ...


def _service_message(body: Any) -> str:
    """The first human sentence in a service's error body (each service words its errors differently)."""
    if isinstance(body, list) and body and isinstance(body[0], dict):  # Constant Contact
        return str(body[0].get("error_message") or "")
    if isinstance(body, dict):
        errors = body.get("errors")
        if isinstance(errors, list) and errors and isinstance(errors[0], dict):  # SendGrid, Klaviyo
            return str(errors[0].get("message") or errors[0].get("detail") or "")
        return str(body.get("detail") or body.get("title") or "")  # Mailchimp (problem+json)
    return ""


def _retry_after(response: httpx.Response) -> int:
    try:
        return max(1, int(float(response.headers.get("retry-after", "60"))))
    except ValueError:
        return 60


class EspHttp:
    """One provider's calls with one API key: auth headers, a deadline per call, errors mapped to EspError.

    The key only ever travels in the headers given here; it is never logged and is scrubbed from any
    message a service echoes back.
    """

    def __init__(
        self, client: httpx.AsyncClient, provider: str, headers: dict[str, str], secret: str, timeout_s: float
    ):
        self.client = client
        self.provider = provider
        self.headers = headers
        self.secret = secret
        self.timeout_s = timeout_s

    async def call(self, method: str, url: str, json: Any | None = None) -> Any:
        try:
            async with asyncio.timeout(self.timeout_s):
                response = await self.client.request(
                    method, url, json=json, headers=self.headers, timeout=self.timeout_s
                )
        except (TimeoutError, httpx.HTTPError) as exc:
            logger.warning("email service unreachable", extra={"provider": self.provider, "error": type(exc).__name__})
            raise EspError(
                "unavailable", f"{self.provider} did not answer within {self.timeout_s:g} seconds; try again later."
            ) from exc
        if response.status_code < 300:
            return response.json() if response.content else {}
        try:
            body = response.json()
        except ValueError:
            body = None
        said = _service_message(body).replace(self.secret, "…")[:300]
        logger.warning("email service refused", extra={"provider": self.provider, "status": response.status_code})
        if response.status_code in (401, 403):
            raise EspError(
                "unauthorized",
                f"{self.provider} refused the API key ({response.status_code}). Connect the account again with a "
                "valid key that may manage templates.",
            )
        if response.status_code == 429:
            wait = _retry_after(response)
            raise EspError(
                "rate_limited", f"{self.provider} is limiting requests; try again in {wait} seconds.", retry_after=wait
            )
        if response.status_code == 404:
            raise EspError("not_found", f"{self.provider} has no such template.")
        if response.status_code < 500:
            reason = said or "no reason given"
            raise EspError("rejected", f"{self.provider} refused the email ({response.status_code}): {reason}")
        raise EspError("unavailable", f"{self.provider} had a problem ({response.status_code}); try again later.")
