"""End to end over HTTP, both writers: every fact of the record is in the email's HTML and text, none invented.

upload → process → generate → preview?format=html and the proof's plain text, for each corpus announcement.
The OpenAI writer runs against the loopback OpenAI-compatible server (tests/support/fake_openai.py).
"""

import html as html_lib
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from app.copywriting.facts_parser import AMOUNT_RE, DATE_RE, EMAIL_RE, TIME_RE, URL_RE
from app.copywriting.facts_record import AuctionFactsRecord
from tests.copywriting.corpus import Announcement, load_corpus, norm, quoted, record_facts
from tests.support.apps import MakeApp
from tests.support.clients import signed_in_client
from tests.support.factories import UploadBuilder
from tests.support.fake_openai import FakeOpenAI, running_fake_openai

CORPUS = load_corpus()
_TAG_RE = re.compile(r"<style.*?</style>|<head.*?</head>|<[^>]+>", re.S | re.I)


def visible_text(page: str) -> str:
    return html_lib.unescape(_TAG_RE.sub(" ", page))


async def render(client: httpx.AsyncClient, a: Announcement) -> tuple[AuctionFactsRecord, str, str, dict[str, Any]]:
    """The record, the email's HTML and plain text, and the copy for one announcement."""
    campaign = await UploadBuilder(client).create(heroes=[], **a.fields)
    cid = campaign["id"]
    processed = await client.post(f"/api/v1/process/{cid}")
    assert processed.status_code == 200, processed.text
    proof = await client.post(f"/api/v1/generate/{cid}")
    assert proof.status_code == 201, proof.text
    page = await client.get(f"/api/v1/preview/{cid}", params={"format": "html"})
    assert page.status_code == 200
    copy = processed.json()["copy"]
    return AuctionFactsRecord.model_validate(copy["facts"]), page.text, proof.json()["text"], processed.json()


def missing_in(record: AuctionFactsRecord, rendered: str, links: str = "") -> dict[str, list[str]]:
    """Record facts the email does not quote; a URL may also be a link's target (the button's catalog link)."""
    out = {}
    for kind, facts in record_facts(record).items():
        lost = [f for f in facts if not (quoted(f, rendered) or (kind == "urls" and html_lib.escape(f) in links))]
        if lost:
            out[kind] = lost
    return out


def derived_from_record(record: AuctionFactsRecord, url: str) -> bool:
    """Our own "Add to calendar" and map links carry only what the record says: its address, its dates."""
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    place = ", ".join(p for p in (record.venue, record.street_address) if p)
    address_only = record.street_address or ""
    if parts.netloc == "www.google.com" and parts.path == "/maps/search/":
        return query.get("query") == record.street_address
    if parts.netloc == "calendar.google.com" and parts.path == "/calendar/render":
        start_day = query.get("dates", "")[:8]
        dated = {e.iso_date.replace("-", "") for e in record.events if e.iso_date}
        return start_day in dated and query.get("location", "") in ("", place, address_only)
    return False


def invented_in(record: AuctionFactsRecord, rendered: str, allowed: list[str]) -> list[str]:
    """Dates, times, amounts, e-mails and URLs in the email that no record value (or allowed string) holds."""
    known = norm(" ".join([*(v for vs in record_facts(record).values() for v in vs), *allowed]))
    known += " " + norm(" ".join(e.text for e in record.events))
    out = []
    for pattern in (DATE_RE, TIME_RE, AMOUNT_RE, EMAIL_RE, URL_RE):
        for m in pattern.finditer(rendered):
            token = m.group(0).strip(" .,;:")
            # The button's link carries tracking parameters after the advertiser's own URL.
            base = token.split("?", 1)[0]
            if derived_from_record(record, token):
                continue
            if token and norm(token) not in known and norm(base) not in known:
                out.append(token)
    return sorted(set(out))


def _allowed(a: Announcement, copy: dict[str, Any]) -> list[str]:
    # The app's own links (preview, unsubscribe, media) and the advertiser's fields are not sale facts.
    return [a.expected["campaign_name"], a.expected["advertiser_name"], a.text, "testserver", "http://testserver"]


async def check_writer(client: httpx.AsyncClient, source: str) -> None:
    problems = {}
    for a in CORPUS:
        record, page, text, result = await render(client, a)
        assert result["source"] == source, (a.name, result["fallback_reason"])
        shown = visible_text(page)
        issues = {
            "missing_in_html": missing_in(record, shown, page),
            "missing_in_text": missing_in(record, text),
            "invented_in_html": invented_in(record, shown, _allowed(a, result["copy"])),
            "invented_in_text": invented_in(record, text, _allowed(a, result["copy"])),
        }
        issues = {k: v for k, v in issues.items() if v}
        if issues:
            problems[a.name] = issues
    assert problems == {}, "\n".join(f"{name}: {issues}" for name, issues in problems.items())


async def test_offline_writer_keeps_every_fact_and_invents_none(client: httpx.AsyncClient):
    await check_writer(client, "offline")


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeOpenAI]:
    with running_fake_openai() as server:
        yield server


@pytest.fixture(scope="module")
async def loopback_client(make_app: MakeApp, fake: FakeOpenAI) -> AsyncIterator[httpx.AsyncClient]:
    async with make_app(openai_api_key="sk-loopback", openai_base_url=fake.base_url) as application:
        client = await signed_in_client(application)
        try:
            yield client
        finally:
            await client.aclose()


async def test_openai_writer_keeps_every_fact_and_invents_none(loopback_client: httpx.AsyncClient, fake: FakeOpenAI):
    fake.mode = "ok"
    await check_writer(loopback_client, "openai")
