"""One transaction rule (app/core/transactions.py): services commit through one helper, which removes the
files stored for a commit that fails; the request scope never commits and reports a write left uncommitted."""

import ast
import io
import logging
import uuid
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from PIL import Image
from sqlalchemy import event
from sqlmodel import select

import app.campaigns.assets as assets_service
import app.proofs.service as proofs_service
from app.auth.models import User
from app.campaigns.renditions import finish_renditions
from app.core.config import Settings
from app.core.db import session_scope
from app.core.transactions import UncommittedWrite, commit
from tests.support.factories import UploadBuilder

APP_DIR = Path(__file__).resolve().parents[2] / "app"
THE_HELPER = APP_DIR / "core" / "transactions.py"
# Alembic's migration connection commits schema changes: no session, no request, nothing stored.
MIGRATIONS = APP_DIR / "migrations"


def commit_calls(source: str) -> list[int]:
    """Lines of every `<anything>.commit(...)` call (comments and strings do not count)."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "commit"
    ]


def test_the_scan_finds_a_commit_and_ignores_the_word_in_comments():
    source = 'async def f(s):\n    # s.commit() in a comment\n    """s.commit()"""\n    await s.sync_session.commit()\n'
    assert commit_calls(source) == [4]


def test_only_the_transactions_module_commits():
    found = {
        f"{path.relative_to(APP_DIR.parent)}:{line}"
        for path in APP_DIR.rglob("*.py")
        if path != THE_HELPER and not path.is_relative_to(MIGRATIONS)
        for line in commit_calls(path.read_text())
    }
    assert found == set(), "commit through app.core.transactions.commit / commit_with_files"
    assert commit_calls(THE_HELPER.read_text())


def a_png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (300, 120), (200, 40, 40)).save(buf, format="PNG")
    return buf.getvalue()


def campaign_files(settings: Settings, campaign_id: str) -> set[str]:
    root = settings.media_root / "campaigns" / campaign_id
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def edited_meanwhile(monkeypatch: pytest.MonkeyPatch, module: Any, name: str, client: httpx.AsyncClient, cid: str):
    """While `module.name` runs, another tab renames the campaign (and commits): the request's copy is stale."""
    real = getattr(module, name)

    async def racing(*args: Any, **kwargs: Any) -> Any:
        r = await client.patch(f"/api/v1/campaigns/{cid}", json={"campaign_name": "Renamed in another tab"})
        assert r.status_code == 200, r.text
        return await real(*args, **kwargs)

    monkeypatch.setattr(module, name, racing)


@pytest.mark.parametrize("role", ["hero", "logo"])
async def test_a_picture_whose_commit_fails_leaves_no_file_and_the_campaign_as_it_was(
    role: str, uploads: UploadBuilder, client: httpx.AsyncClient, settings: Settings, monkeypatch: pytest.MonkeyPatch
):
    campaign = await uploads.create()
    cid = campaign["id"]
    for asset in campaign["assets"]:  # the photo's rendition, made in the background, is stored by now
        assert (await client.get(asset["url"].replace("http://testserver", ""))).status_code == 200
    await finish_renditions(timeout_s=30)  # every background rendition of the upload, not just the one read
    before = campaign_files(settings, cid)
    # The picture is checked after the early commit (no lock is held meanwhile): an edit can land in between.
    edited_meanwhile(monkeypatch, assets_service, "_prepare", client, cid)
    r = await client.post(
        f"/api/v1/campaigns/{cid}/assets",
        data={"role": role},
        files={"file": ("late.png", a_png(), "image/png")},
    )
    assert r.status_code == 409, r.text
    assert r.json()["code"] == "conflict"
    await finish_renditions(timeout_s=30)  # nothing the failed request started may land later either
    assert campaign_files(settings, cid) == before  # the new original and rendition were removed
    state = (await client.get(f"/api/v1/campaigns/{cid}")).json()
    assert state["campaign_name"] == "Renamed in another tab"  # the other tab's edit stands
    assert [a["id"] for a in state["assets"]] == [a["id"] for a in campaign["assets"]]
    for asset in state["assets"]:  # and every earlier picture is still served
        assert (await client.get(asset["url"].replace("http://testserver", ""))).status_code == 200


async def test_a_proof_whose_commit_fails_leaves_no_html_and_the_earlier_proof_served(
    uploads: UploadBuilder, client: httpx.AsyncClient, settings: Settings, monkeypatch: pytest.MonkeyPatch
):
    ready = await uploads.ready_for_review()
    cid = ready["id"]
    before = campaign_files(settings, cid)

    async def numbered_before_the_first(*_: Any) -> None:
        return None  # as if another request had not yet stored proof 1: this one numbers itself 1 again

    monkeypatch.setattr(proofs_service, "latest_proof", numbered_before_the_first)
    r = await client.post(f"/api/v1/generate/{cid}")
    assert r.status_code == 409, r.text  # the unique (campaign, version) refused it at commit
    assert r.json()["code"] == "conflict"
    monkeypatch.undo()
    assert campaign_files(settings, cid) == before  # its HTML is gone again
    state = (await client.get(f"/api/v1/campaigns/{cid}")).json()
    assert state["status"] == "proof_ready"
    assert [p["version"] for p in state["proof_versions"]] == [1]
    preview = await client.get(f"/api/v1/preview/{cid}")
    assert preview.status_code == 200


@asynccontextmanager
async def request_scope(app: FastAPI, *, strict: bool):
    async with asynccontextmanager(session_scope)(app.state.services.sessionmaker, strict=strict) as session:
        yield session


async def _exists(app: FastAPI, email: str) -> bool:
    async with app.state.services.sessionmaker() as session:
        return (await session.exec(select(User).where(User.email == email))).first() is not None


def _user() -> User:
    return User(email=f"scope-{uuid.uuid4().hex[:10]}@example.com", password_hash="not-a-real-hash")


async def test_a_request_that_flushed_without_committing_fails_in_tests_and_writes_nothing(app: FastAPI):
    user = _user()
    with pytest.raises(UncommittedWrite, match="flushed"):
        async with request_scope(app, strict=True) as session:
            session.add(user)
            await session.flush()
    assert not await _exists(app, user.email)


async def test_a_savepoint_released_inside_an_uncommitted_request_is_still_uncommitted(app: FastAPI):
    # (Only the report is asserted: on SQLite, pysqlite sends no BEGIN before a first SAVEPOINT, so its
    # release commits by itself; on PostgreSQL the row is rolled back with the request.)
    with pytest.raises(UncommittedWrite):
        async with request_scope(app, strict=True) as session, session.begin_nested():
            session.add(_user())


async def test_outside_tests_an_uncommitted_write_is_logged_and_rolled_back(
    app: FastAPI, caplog: pytest.LogCaptureFixture
):
    user = _user()
    with caplog.at_level(logging.ERROR, logger="app.core.db"):
        async with request_scope(app, strict=False) as session:
            session.add(user)  # added, not even flushed
    assert any(r.getMessage() == "request ended with an uncommitted write" for r in caplog.records)
    assert not await _exists(app, user.email)


async def test_a_committed_or_read_only_request_ends_quietly(app: FastAPI, caplog: pytest.LogCaptureFixture):
    user = _user()
    with caplog.at_level(logging.ERROR, logger="app.core.db"):
        async with request_scope(app, strict=True) as session:
            session.add(user)
            await commit(session)
            user.is_active = user.is_active  # touched, not changed
        async with request_scope(app, strict=True) as session:
            await session.exec(select(User).limit(1))
    assert not [r for r in caplog.records if r.name == "app.core.db"]
    assert await _exists(app, user.email)


async def test_reading_a_proof_takes_no_row_lock_and_commits_nothing(
    uploads: UploadBuilder, client: httpx.AsyncClient, app: FastAPI
):
    cid = (await uploads.ready_for_review())["id"]
    engine = app.state.services.engine.sync_engine
    seen = {"commits": 0, "row locks": 0}

    def on_commit(_: Any) -> None:
        seen["commits"] += 1

    def on_statement(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen["row locks"] += "FOR UPDATE" in statement.upper()  # PostgreSQL; SQLite has no row locks

    event.listen(engine, "commit", on_commit)
    event.listen(engine, "before_cursor_execute", on_statement)
    try:
        for params in ({}, {"format": "html"}, {"version": 1}):
            r = await client.get(f"/api/v1/preview/{cid}", params=params)
            assert r.status_code == 200, r.text
        assert (await client.get(f"/api/v1/campaigns/{cid}")).status_code == 200
    finally:
        event.remove(engine, "commit", on_commit)
        event.remove(engine, "before_cursor_execute", on_statement)
    assert seen == {"commits": 0, "row locks": 0}
