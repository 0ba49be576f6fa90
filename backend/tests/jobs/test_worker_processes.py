"""The job path across real processes: two web servers and two Dramatiq workers on the local Redis."""

import asyncio
import io
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
from PIL import Image

from app.jobs.dead_letters import dead_letters_key
from tests.jobs.processes import BACKEND, Cluster, Proc, cluster, redis_or_fail, sign_in_token, upload
from tests.support.factories import jpeg


def _acks_key(c: Cluster, worker: Proc) -> str:
    return f"{c.namespace}:__acks__.{c.broker_id(worker)}.default"


def _held_assets(c: Cluster, worker: Proc) -> list[str]:
    """Asset ids of the jobs a worker has taken from the queue and not finished (its unacked messages)."""
    client = c.redis
    ids = client.smembers(_acks_key(c, worker))
    if not ids:
        return []
    raws = client.hmget(f"{c.namespace}:default.msgs", list(ids))
    return [json.loads(raw)["args"][0] for raw in raws if raw]


async def test_a_worker_killed_mid_rendition_its_job_is_redelivered_and_made_once(tmp_path: Path):
    redis_or_fail()
    photos = [jpeg(3000, 2250, noise=True, quality=70) for _ in range(3)]
    with cluster(tmp_path) as c:
        # The link of a photo waits for the worker's rendition (not the web's own) up to 60 s.
        webs = [c.web("web1", RENDITION_WAIT_S="60"), c.web("web2", RENDITION_WAIT_S="60")]
        env = {"JOBS_WORKER_THREADS": "1", "JOBS_HEARTBEAT_TIMEOUT_S": "2", "IMAGE_WORKERS": "1"}
        doomed, survivor = c.worker("worker1", **env), c.worker("worker2", **env)
        token = sign_in_token(webs[0].base_url, "jobs@example.com")
        bodies: list[dict] = []
        held: list[str] = []
        async with httpx.AsyncClient(timeout=60) as client:
            for attempt in range(6):  # until the doomed worker is caught holding a job
                r = await upload(client, webs[attempt % 2].base_url, token, photos)
                assert r.status_code == 201, r.text
                bodies.append(r.json())
                deadline = time.monotonic() + 5
                while time.monotonic() < deadline and not held:
                    held = _held_assets(c, doomed)
                    await asyncio.sleep(0.002)
                if held:
                    doomed.popen.send_signal(signal.SIGKILL)
                    doomed.popen.wait()
                    break
            assert held, "worker1 never took a job"
            held = _held_assets(c, doomed)  # as the kill left them
            assert held

            # Every photo link answers, on either web server, while the jobs are redelivered.
            photos_of = [a for body in bodies for a in body["assets"] if a["role"] == "hero"]
            links = [(webs[i % 2].base_url, a["url"].split("/media/")[1]) for i, a in enumerate(photos_of)]
            killed_at = time.monotonic()
            answers = await asyncio.gather(*(client.get(f"{base}/media/{key}") for base, key in links))
            waited = time.monotonic() - killed_at
            assert [r.status_code for r in answers] == [200] * len(links), [r.text[:200] for r in answers]
            assert {Image.open(io.BytesIO(r.content)).size for r in answers} == {(1200, 900)}

            details = [
                (
                    await client.get(
                        f"{webs[1].base_url}/api/v1/campaigns/{b['id']}", headers={"Authorization": f"Bearer {token}"}
                    )
                ).json()
                for b in bodies
            ]

    sizes = {a["id"]: a["bytes"] for d in details for a in d["assets"] if a["role"] == "hero"}
    assert all(sizes.values()), sizes
    # One rendition file per photo: none made twice under another name.
    for body in bodies:
        files = sorted(p.name for p in (tmp_path / "media" / "campaigns" / body["id"] / "email").iterdir())
        expected = sorted(a["url"].rsplit("/", 1)[1] for a in body["assets"])
        assert files == expected, (files, expected)
    # The jobs the killed worker held were finished by the other one; no photo was rendered twice.
    done = survivor.events("rendition_made") + survivor.events("rendition_recorded")
    assert set(held) <= {e["asset_id"] for e in done}, (held, done)
    made = [e["asset_id"] for p in (doomed, survivor) for e in p.events("rendition_made")]
    assert sorted(made) == sorted(set(made)), made
    # No request of anyone failed meanwhile, on either web server.
    failed = [line for p in webs for line in p.lines() if int(line.get("status") or 0) >= 500]
    assert not failed, failed
    print(f"links answered {waited:.1f} s after the kill; worker2 finished {sorted(set(held))}")


def test_a_job_over_its_time_limit_is_stopped_and_dead_lettered(tmp_path: Path):
    redis_or_fail()
    marker = tmp_path / "slow"
    with cluster(tmp_path) as c:
        worker = c.worker("worker", "tests.jobs.slow_actors", JOBS_MAX_RETRIES="0")
        c.send("sleep_past_limit", str(marker))
        deadline = time.monotonic() + 20
        record = None
        while time.monotonic() < deadline and record is None:
            raw = c.redis.lindex(dead_letters_key(c.namespace), 0)
            record = json.loads(raw) if raw else None
            time.sleep(0.1)
        started = marker.with_suffix(".started").exists()
        time.sleep(2)  # long enough that a job still running would have gone on
        logged = worker.events("job_dead_lettered")
        # The runbook's replay: the same job runs again.
        marker.with_suffix(".started").unlink()
        replay = subprocess.run(
            [sys.executable, "-m", "app.jobs.dead_letters", "retry", record["message_id"] if record else "-"],
            cwd=BACKEND,
            env=c.env(),
            capture_output=True,
            text=True,
            timeout=60,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not marker.with_suffix(".started").exists():
            time.sleep(0.1)
        replayed = marker.with_suffix(".started").exists()
        metrics = [line for line in worker.events("job_metrics") if "DeadLetters" in line]
    assert started
    assert record is not None, worker.log.read_text()[-3000:]
    assert record["actor"] == "sleep_past_limit"
    assert "TimeLimitExceeded" in record["error"], record
    assert not marker.with_suffix(".finished").exists()  # stopped, not left running
    assert [e["message_id"] for e in logged] == [record["message_id"]]
    assert metrics and metrics[0]["_aws"]["CloudWatchMetrics"][0]["Metrics"] == [
        {"Name": "DeadLetters", "Unit": "Count"}
    ]
    assert replay.returncode == 0, replay.stdout + replay.stderr
    assert replayed  # `python -m app.jobs.dead_letters retry` ran the job again
