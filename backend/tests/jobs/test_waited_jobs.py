"""Work a person waits on jumps the job queue; with Redis away, the web process does it without waiting."""

import time
from pathlib import Path

import httpx

from tests.jobs.processes import cluster, free_port, redis_or_fail, sign_in_token, upload
from tests.support.factories import jpeg

BACKLOG_JOBS = 40
BACKLOG_JOB_S = 0.5  # 20 s of other advertisers' photos ahead of this campaign's


async def _proof(client: httpx.AsyncClient, base_url: str, token: str) -> tuple[httpx.Response, float, str]:
    """Upload one photo, write the copy, then time generate: (its answer, its seconds, the photo's asset id)."""
    headers = {"Authorization": f"Bearer {token}"}
    r = await upload(client, base_url, token, [jpeg(2400, 1800, noise=True, quality=80)])
    assert r.status_code == 201, r.text
    campaign = r.json()
    photo = next(a["id"] for a in campaign["assets"] if a["role"] == "hero")
    r = await client.post(f"{base_url}/api/v1/process/{campaign['id']}", headers=headers)
    assert r.status_code == 200, r.text
    started = time.monotonic()
    r = await client.post(f"{base_url}/api/v1/generate/{campaign['id']}", headers=headers)
    return r, time.monotonic() - started, photo


async def test_a_proof_does_not_wait_behind_other_advertisers_photos(tmp_path: Path):
    redis_or_fail()
    with cluster(tmp_path) as c:
        # The web process never makes the photo itself within the test: it waits up to 60 s for a worker.
        web = c.web("web", RENDITION_WAIT_S="60")
        worker = c.worker("worker", "tests.jobs.slow_actors", JOBS_WORKER_THREADS="1")
        for _ in range(BACKLOG_JOBS):
            c.send("background_busywork", BACKLOG_JOB_S)
        token = sign_in_token(web.base_url, "waited@example.com")
        async with httpx.AsyncClient(timeout=90) as client:
            r, took, photo = await _proof(client, web.base_url, token)
        backlog = int(c.redis.llen(f"{c.namespace}:default"))
    assert r.status_code == 201, r.text
    # The upload's own job is at the back of the queue; the proof's request asked again on the queue a
    # worker reads first, so it waited for one running job, not for the 20 s ahead of it.
    assert took < 8, f"generate took {took:.1f} s behind {BACKLOG_JOBS * BACKLOG_JOB_S:.0f} s of other photos"
    assert backlog > 0  # the others' photos were still queued when the proof was ready
    made = [e["asset_id"] for e in worker.events("rendition_made")]
    assert made.count(photo) == 1, made  # by the worker, once (its background job later finds it made)
    print(f"generate answered in {took:.2f} s with {backlog} of {BACKLOG_JOBS} background jobs still queued")


async def test_with_redis_away_a_proof_is_made_in_the_web_process_without_waiting(tmp_path: Path):
    with cluster(tmp_path) as c:
        web = c.web("web", RENDITION_WAIT_S="60", JOBS_BROKER_URL=f"redis://127.0.0.1:{free_port()}/0")
        token = sign_in_token(web.base_url, "no-redis@example.com")
        async with httpx.AsyncClient(timeout=90) as client:
            r, took, _ = await _proof(client, web.base_url, token)
    assert r.status_code == 201, r.text
    assert took < 8, f"generate took {took:.1f} s with nobody to ask"  # not the 60 s wait for a job never queued
    assert any(line.get("message") == "could not queue a job" for line in web.lines())
