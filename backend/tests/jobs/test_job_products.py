"""Picture proofs and download ZIPs made by a real worker process on the local Redis, as on ECS."""

import hashlib
import io
import json
import signal
import time
import zipfile
from pathlib import Path
from typing import Any

import httpx
from PIL import Image

from app.jobs.dead_letters import dead_letters_key
from tests.jobs.processes import Proc, cluster, redis_or_fail, sign_in_token
from tests.support.factories import SALE_TEXT, jpeg, png


def _signed_in(base_url: str) -> httpx.Client:
    client = httpx.Client(base_url=f"{base_url}/api/v1", timeout=60)
    client.headers["Authorization"] = f"Bearer {sign_in_token(base_url, 'proofs@example.com')}"
    return client


def _ready_for_review(api: httpx.Client) -> str:
    files = [("logo", ("logo.png", png(), "image/png")), ("hero_images", ("lot.jpg", jpeg(1600, 1200), "image/jpeg"))]
    data = {"campaign_name": "Spring Consignment", "advertiser_name": "Hill County Auctions", "text_content": SALE_TEXT}
    r = api.post("/upload", data=data, files=files)
    assert r.status_code == 201, r.text
    cid = str(r.json()["id"])
    assert api.post(f"/process/{cid}").status_code == 200
    assert api.post(f"/generate/{cid}").status_code == 201
    return cid


def _until(what: str, check: Any, timeout_s: float = 60) -> Any:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"no {what} within {timeout_s} s")


def _answered(api: httpx.Client, path: str, **params: str) -> httpx.Response | None:
    """The answer once it is a 200; None while the work is pending (503 picture_pending, 409 package_pending)."""
    r = api.get(path, params=params)
    if r.status_code in (409, 503):
        assert r.json()["code"] in ("picture_pending", "package_pending"), r.text
        return None
    assert r.status_code == 200, r.text
    return r


def _stop(proc: Proc) -> None:
    proc.popen.send_signal(signal.SIGTERM)
    proc.popen.wait(timeout=60)


def test_a_worker_renders_the_picture_and_builds_the_zip_once_and_a_failing_job_is_dead_lettered(tmp_path: Path):
    redis_or_fail()
    with cluster(tmp_path) as c:
        # No on-demand build while this test runs: the ZIP must come from the worker.
        web = c.web("web", PICTURE_WAIT_S="2", PACKAGE_WAIT_S="600")
        api = _signed_in(web.base_url)
        cid = _ready_for_review(api)
        media = tmp_path / "media" / "campaigns" / cid

        # No worker yet: the web process queues the work and says so, it does not do it itself.
        r = api.get(f"/preview/{cid}", params={"format": "png"})
        assert r.status_code == 503, r.text
        assert r.json()["code"] == "picture_pending" and r.headers["retry-after"] == "5"
        r = api.post(f"/approve/{cid}", json={"decision": "approve"})
        assert r.status_code == 200, r.text
        assert r.json()["campaign"]["status"] == "approved"
        started = time.monotonic()
        r = api.get(f"/download/{cid}")
        pending_answer_s = time.monotonic() - started
        assert r.status_code == 409, r.text
        assert r.json()["code"] == "package_pending" and int(r.headers["retry-after"]) >= 1
        r = api.get(f"/download/{cid}", params={"version": "1"})  # the same approval, by its version
        assert r.status_code == 409 and r.json()["code"] == "package_pending", r.text
        assert not list(media.glob("packages/*.zip"))

        worker = c.worker("worker", JOBS_WORKER_THREADS="2")
        started = time.monotonic()
        r = _until("picture", lambda: _answered(api, f"/preview/{cid}", format="png", device="desktop", theme="light"))
        picture_s = time.monotonic() - started
        assert r.headers["content-type"] == "image/png"
        assert Image.open(io.BytesIO(r.content)).size[0] == 800
        r = _until("package", lambda: _answered(api, f"/download/{cid}"))
        zipped = zipfile.ZipFile(io.BytesIO(r.content))
        assert {"email.html", "email-hosted.html", "email.txt", "details.json"} <= set(zipped.namelist())
        details = json.loads(zipped.read("details.json"))
        assert details["proof_version"] == 1
        first_zip = hashlib.sha256(r.content).hexdigest()

        built = _until("package_built", lambda: worker.events("package_built"))
        made = _until("picture_made", lambda: worker.events("picture_made"))
        assert not web.events("package_built")  # the web process built nothing itself
        assert not any("chromium started" in str(line.get("message")) for line in web.lines())

        # The same jobs again (a redelivery, a replayed dead letter): nothing is made twice.
        skipped = len(worker.events("package_skipped")), len(worker.events("picture_skipped"))
        c.send("build_package", built[0]["proof_id"], details["approved_at"])
        c.send("render_picture", made[0]["html_key"], "desktop", "light")
        _until("package_skipped", lambda: len(worker.events("package_skipped")) > skipped[0])
        _until("picture_skipped", lambda: len(worker.events("picture_skipped")) > skipped[1])
        assert len(worker.events("package_built")) == 1 and len(worker.events("picture_made")) == 1
        assert len(list((media / "packages").glob("*.zip"))) == 1
        assert len(list((media / "proofs").glob("*.desktop-light.png"))) == 1
        r = api.get(f"/download/{cid}")
        assert hashlib.sha256(r.content).hexdigest() == first_zip

        # A worker with no browser: the picture job fails, is dead-lettered, and the user hears picture_pending.
        _stop(worker)
        broken = c.worker("broken", CHROMIUM_PATH=str(tmp_path / "no-chromium"), JOBS_MAX_RETRIES="0")
        r = api.get(f"/preview/{cid}", params={"format": "png", "device": "mobile", "theme": "dark"})
        assert r.status_code == 503 and r.json()["code"] == "picture_pending"
        raw = _until("dead letter", lambda: c.redis.lindex(dead_letters_key(c.namespace), 0))
        record = json.loads(raw)
        assert record["actor"] == "render_picture"
        assert record["job_args"] == [made[0]["html_key"], "mobile", "dark"]
        assert "RendererUnavailable" in record["error"], record
        assert [e["message_id"] for e in broken.events("job_dead_lettered")] == [record["message_id"]]
        assert not list((media / "proofs").glob("*.mobile-dark.png"))
        api.close()
    failed = [line for line in web.lines() if int(line.get("status") or 0) >= 500 and line.get("status") != 503]
    assert not failed, failed
    print(f"package_pending answered in {pending_answer_s:.1f} s; first picture from the worker in {picture_s:.1f} s")
