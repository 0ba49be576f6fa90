"""`scale`: the advertiser flow against 2 web processes and 1 job worker, with the queue wait p95.

Starts the production shape of the ECS stack on this machine: uvicorn with 2 worker processes on
PostgreSQL (its own database, `hibid_g` unless --database says otherwise), Redis as the job broker
(JOBS_BROKER_URL, a key namespace of its own) and one job worker (`python -m app.jobs.worker`, the
process scripts/worker.sh starts) at a lower CPU priority (JOBS_WORKER_NICENESS, `--worker-nice`),
so that on these shared cores web requests preempt renditions, as they would on tasks of their own.
Then drives 1, 10 and 50 concurrent advertisers through the whole flow (bench/flow.py: upload →
process → generate → preview → approve → download, 1–3 s pauses) and prints per level:
- p50 / p95 / max per step, errors, 503 "busy" answers, flows per minute;
- the queue wait p50 / p95 / max: from a job's enqueue (Dramatiq's message_timestamp) to a worker
  starting it, from the worker's `QueueWaitSeconds` metric lines (app/jobs/metrics.py), and the jobs'
  run time (`JobSeconds`);
- CPU seconds per flow of the web processes, the worker and the load generator;
- with --phases, where the upload's time goes inside the server (bench/phases.py): body received,
  sign-in and parts, image checks, files written, the rest of the create, the response.
Writes everything, with the raw samples, to bench-results/scale.json. Exits 1 on any error other
than "busy".

    ./scripts/bench.sh scale                          # 1, 10, 50 advertisers (~8 min)
    ./scripts/bench.sh scale --levels 50 --phases     # and where the upload's time goes
    ./scripts/bench.sh scale --short                  # a few seconds (CI)
"""

# ruff: noqa: S603, S607  (fixed commands: this venv's python and git, with our own arguments)

import argparse
import asyncio
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

if __package__ in (None, ""):  # run as a file: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.flow import BUDGET_S, STEPS, Advertiser, Recorder, sign_in
from bench.inputs import load_inputs
from bench.server import BACKEND, ROOT, VENV_BIN, Server, _stat, create_postgres_database, drop_postgres_database
from bench.stats import percentile

REDIS_URL = "redis://127.0.0.1:6379/11"  # away from the rate limits' DB 0 and the job tests' DB 12
UPLOAD_PHASES = {
    # name: (from mark, to mark)
    "body": ("start", "body_last"),
    "sign_in_and_parts": ("body_last", "create_start"),
    "prepare": ("prepare_start", "prepare_end"),
    "store": ("store_start", "store_end"),
    "create_rest": ("store_end", "create_end"),
    "response": ("create_end", "end"),
    "total": ("start", "end"),
}


def summary_ms(values: list[float]) -> dict[str, Any]:
    """p50 / p95 / max in ms of values in seconds."""
    if not values:
        return {"count": 0, "p50_ms": None, "p95_ms": None, "max_ms": None}
    return {
        "count": len(values),
        "p50_ms": round(percentile(values, 50) * 1000, 1),
        "p95_ms": round(percentile(values, 95) * 1000, 1),
        "max_ms": round(max(values) * 1000, 1),
    }


def _json_lines(path: Path) -> list[dict[str, Any]]:
    out = []
    if not path.exists():
        return out
    for raw in path.read_text(errors="replace").splitlines():
        if raw.startswith("{"):
            try:
                out.append(json.loads(raw))
            except ValueError:
                continue
    return out


@dataclass
class Worker:
    """One job worker process (`python -m app.jobs.worker`), its stdout in a file."""

    env: dict[str, str]
    log: Path
    process: subprocess.Popen[bytes] | None = None

    def start(self, redis_client: Any, namespace: str) -> None:
        """Returns once the worker's consumer heartbeats in Redis (it fetches jobs from then on)."""
        out = open(self.log, "wb")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(
            [str(VENV_BIN / "python"), "-m", "app.jobs.worker"],
            cwd=BACKEND,
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"worker exited: {self.log.read_text()[-2000:]}")
            if redis_client.zcard(f"{namespace}:__heartbeats__"):
                return
            time.sleep(0.2)
        raise RuntimeError("worker did not start in 30 s")

    def cpu_seconds(self) -> float:
        assert self.process is not None
        return _stat(self.process.pid)[0]

    def rss(self) -> int:
        assert self.process is not None
        return _stat(self.process.pid)[1]

    def metric(self, name: str, since: float, until: float) -> list[tuple[str, float]]:
        """(actor, value) of one EMF metric the worker printed between two wall-clock times (seconds)."""
        return [
            (str(line.get("Actor", "")), float(line[name]))
            for line in _json_lines(self.log)
            if name in line and since * 1000 <= line["_aws"]["Timestamp"] <= until * 1000
        ]

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def queue_length(client: Any, namespace: str) -> int:
    return int(client.llen(f"{namespace}:default")) + int(client.llen(f"{namespace}:default.DQ"))


async def wait_for_queue(client: Any, namespace: str, worker: Worker, timeout_s: float) -> float:
    """Until the queue is empty and the worker has gone quiet (its jobs done); seconds waited."""
    started = time.monotonic()
    quiet_since, last_cpu = time.monotonic(), worker.cpu_seconds()
    while time.monotonic() - started < timeout_s:
        await asyncio.sleep(0.5)
        cpu = worker.cpu_seconds()
        if queue_length(client, namespace) or cpu - last_cpu > 0.05:
            quiet_since = time.monotonic()
        last_cpu = cpu
        if time.monotonic() - quiet_since >= 1.0:
            break
    return time.monotonic() - started


def upload_phases(folder: Path, since: float, until: float) -> dict[str, Any]:
    rows = [
        row
        for path in sorted(folder.glob("phases-*.jsonl"))
        for row in _json_lines(path)
        if since <= row["start"] <= until and row.get("status") == 201
    ]
    out: dict[str, Any] = {}
    for name, (a, b) in UPLOAD_PHASES.items():
        out[name] = summary_ms([row[b] - row[a] for row in rows if a in row and b in row])
    out["loop_lag_max"] = summary_ms([row["loop_lag_max"] for row in rows])
    out["cpu"] = summary_ms([row["cpu"] for row in rows if "cpu" in row])
    return out


async def run_level(
    server: Server,
    worker: Worker,
    redis_client: Any,
    namespace: str,
    inputs: dict[str, bytes | str],
    users: int,
    args: argparse.Namespace,
    seed: int,
) -> dict[str, Any]:
    recorder = Recorder()
    limits = httpx.Limits(max_connections=users + 5, max_keepalive_connections=users + 5, keepalive_expiry=2.0)
    async with httpx.AsyncClient(base_url=server.base_url, limits=limits, timeout=httpx.Timeout(60.0)) as client:
        headers = await asyncio.gather(*(sign_in(client) for _ in range(users)))
        rng = random.Random(seed)
        web_cpu, worker_cpu, client_cpu = server.cpu_seconds(), worker.cpu_seconds(), time.process_time()
        wall_start, started = time.time(), time.monotonic()
        deadline = started + args.duration
        advertisers = [
            Advertiser(client, inputs, recorder, args.think, deadline, headers=h, rng=random.Random(rng.random()))
            for h in headers
        ]
        peak = {"web": 0, "worker": 0}
        stop = asyncio.Event()

        async def sample() -> None:
            while not stop.is_set():
                peak["web"] = max(peak["web"], server.sample_rss())
                peak["worker"] = max(peak["worker"], worker.rss())
                await asyncio.sleep(0.25)

        sampler = asyncio.create_task(sample())
        ramp = len(STEPS) * sum(args.think) / 2  # first arrivals spread over one flow's pauses
        overtime = 4 * args.duration
        tasks = [a.run(rng.uniform(0, ramp), args.max_flows, args.min_flows, overtime) for a in advertisers]
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=args.duration + overtime + 180)
        elapsed = time.monotonic() - started
        stop.set()
        await sampler
        client_cpu = time.process_time() - client_cpu
        web_cpu = server.cpu_seconds() - web_cpu
    drained_s = await wait_for_queue(redis_client, namespace, worker, timeout_s=120)
    worker_cpu = worker.cpu_seconds() - worker_cpu
    wall_end = time.time()

    steps = {}
    for step in STEPS:
        values = recorder.latencies.get(step, [])
        steps[step] = {
            **summary_ms(values),
            "errors": len(recorder.errors.get(step, [])),
            "busy": recorder.busy.get(step, 0),
            "budget_ms": BUDGET_S[step] * 1000,
            "samples_ms": [round(v * 1000, 1) for v in values],
        }
    waits_by = worker.metric("QueueWaitSeconds", wall_start, wall_end)
    runs_by = worker.metric("JobSeconds", wall_start, wall_end)
    waits, runs = [w for _, w in waits_by], [r for _, r in runs_by]
    actors = sorted({a for a, _ in waits_by})
    flows = recorder.flows

    def per_flow(cpu: float) -> float | None:
        return round(cpu / flows, 3) if flows else None

    level: dict[str, Any] = {
        "users": users,
        "seconds": round(elapsed, 1),
        "flows": flows,
        "flows_per_minute": round(flows / elapsed * 60, 1),
        "errors": sum(len(v) for v in recorder.errors.values()),
        "busy": sum(recorder.busy.values()),
        "error_samples": {k: v[:3] for k, v in recorder.errors.items()},
        "steps": steps,
        "queue_wait": {**summary_ms(waits), "samples_ms": [round(w * 1000, 1) for w in waits]},
        "job_run": summary_ms(runs),
        "by_actor": {
            actor: {
                "queue_wait": summary_ms([w for a, w in waits_by if a == actor]),
                "job_run": summary_ms([r for a, r in runs_by if a == actor]),
            }
            for actor in actors
        },
        "queue_drained_after_s": round(drained_s, 1),
        "cpu_seconds_per_flow": {
            "web": per_flow(web_cpu),
            "worker": per_flow(worker_cpu),
            "load_generator": per_flow(client_cpu),
        },
        "peak_rss_mb": {"web": round(peak["web"] / 1_048_576), "worker": round(peak["worker"] / 1_048_576)},
        # The machine's 1-minute load average at the end: other work on the same cores moves every figure.
        "load_average_1m": round(os.getloadavg()[0], 2),
    }
    if args.phases:
        level["upload_phases"] = upload_phases(args.phases_dir, wall_start, wall_end)
    return level


def _cell(s: dict[str, Any]) -> str:
    return f"{s['p50_ms']} / {s['p95_ms']} / {s['max_ms']}" if s["count"] else "-"


def print_level(level: dict[str, Any]) -> None:
    cpu = level["cpu_seconds_per_flow"]
    print(
        f"\n{level['users']} advertisers — {level['flows']} flows in {level['seconds']} s "
        f"({level['flows_per_minute']}/min), errors {level['errors']}, busy {level['busy']}; "
        f"CPU s/flow web {cpu['web']}, worker {cpu['worker']}, load generator {cpu['load_generator']}; "
        f"peak RSS web {level['peak_rss_mb']['web']} MB, worker {level['peak_rss_mb']['worker']} MB; "
        f"load average {level['load_average_1m']}"
    )
    print(f"  {'step':<11} {'n':>5}  p50 / p95 / max ms")
    for step, s in level["steps"].items():
        flag = "" if s["count"] and s["p95_ms"] <= s["budget_ms"] else "  over budget"
        print(f"  {step:<11} {s['count']:>5}  {_cell(s)}{flag}")
    q = level["queue_wait"]
    print(f"  {'queue wait':<11} {q['count']:>5}  {_cell(q)}   (job run {_cell(level['job_run'])})")
    for actor, figures in level["by_actor"].items():
        w, r = figures["queue_wait"], figures["job_run"]
        print(f"    {actor:<17} {w['count']:>5}  {_cell(w)}   (job run {_cell(r)})")
    for name, s in level.get("upload_phases", {}).items():
        print(f"    upload {name:<18} {s['count']:>5}  {_cell(s)}")
    for step, samples in level["error_samples"].items():
        print(f"  errors in {step}: {samples}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench scale", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--levels", default="1,10,50", help="comma-separated concurrent advertisers")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per level")
    parser.add_argument("--think", default="1,3", help="pause between steps, min,max seconds")
    parser.add_argument("--min-flows", type=int, default=10, help="complete flows per level at least")
    parser.add_argument("--max-flows", type=int, default=None, help="flows per advertiser at most")
    parser.add_argument("--web-workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--worker-nice", type=int, default=10, help="niceness of the job worker process")
    parser.add_argument("--worker-threads", type=int, default=2, help="JOBS_WORKER_THREADS of the worker")
    parser.add_argument("--database", default="hibid_g", help="PostgreSQL database to (re)create and drop")
    parser.add_argument("--phases", action="store_true", help="time the upload's phases inside the server")
    parser.add_argument("--short", action="store_true", help="2 levels of a few seconds (CI)")
    parser.add_argument("--out", default=str(ROOT / "bench-results" / "scale.json"))
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for web and worker (repeatable)")
    args = parser.parse_args(argv)
    if args.short:
        args.levels, args.duration, args.think, args.min_flows = "1,3", 6.0, "0.1,0.3", 0
        args.max_flows = args.max_flows or 2
    args.levels = [int(x) for x in str(args.levels).split(",")]
    args.think = tuple(float(x) for x in str(args.think).split(","))
    return args


async def run(args: argparse.Namespace, inputs: dict[str, bytes | str]) -> dict[str, Any]:
    import redis  # noqa: PLC0415 - the backend venv's client, only this sub-command needs it

    namespace = f"bench-scale-{os.getpid()}"
    database_url = create_postgres_database(args.database)
    extra = dict(kv.split("=", 1) for kv in args.env)
    env = {
        "DATABASE_URL": database_url,
        "JOBS_BROKER_URL": REDIS_URL,
        "JOBS_NAMESPACE": namespace,
        "JOBS_WORKER_THREADS": str(args.worker_threads),
        "JOBS_WORKER_NICENESS": str(args.worker_nice),  # read by the worker only
        **extra,
    }
    server = Server(database="sqlite", workers=args.web_workers, extra_env=env)  # DATABASE_URL: PostgreSQL
    if args.phases:
        args.phases_dir = Path(tempfile.mkdtemp(prefix="hibid-scale-phases-"))
        server.app = "bench.phases:app"
        server.extra_env["PYTHONPATH"] = str(ROOT / "scripts")
        server.extra_env["BENCH_PHASES_DIR"] = str(args.phases_dir)
    worker: Worker | None = None
    client = redis.Redis.from_url(REDIS_URL)
    try:
        server.start()
        assert server.workdir is not None
        worker_env = {
            **os.environ,
            "ENVIRONMENT": "development",
            "LOG_LEVEL": "WARNING",
            "STORAGE_BACKEND": "local",
            "MEDIA_ROOT": str(server.workdir / "media"),
            "BACKEND_URL": server.base_url,
            "OPENAI_API_KEY": "",
            **env,
        }
        worker = Worker(worker_env, server.workdir / "worker.log")
        worker.start(client, namespace)
        levels = []
        for i, users in enumerate(args.levels):
            level = await run_level(server, worker, client, namespace, inputs, users, args, seed=i)
            print_level(level)
            levels.append(level)
        return {"levels": levels}
    finally:
        if worker is not None:
            worker.stop()
        server.stop()
        drop_postgres_database(args.database)
        keys = list(client.scan_iter(f"{namespace}:*"))
        if keys:
            client.delete(*keys)
        client.close()
        if args.phases:
            shutil.rmtree(args.phases_dir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    inputs = load_inputs(ROOT / "bench-results" / ".inputs")
    print(
        f"scale: {args.web_workers} web processes + 1 job worker (nice {args.worker_nice}, "
        f"{args.worker_threads} threads), PostgreSQL '{args.database}', Redis {REDIS_URL}; levels {args.levels}, "
        f"{args.duration:.0f} s each, think {args.think[0]}–{args.think[1]} s"
    )
    started_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    result = asyncio.run(run(args, inputs))
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "started_at": started_at,
        "commit": subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
        ).stdout.strip(),
        "settings": {k: v for k, v in vars(args).items() if k != "phases_dir"},
        **result,
    }
    out.write_text(json.dumps(document, indent=2, default=str))
    errors = sum(level["errors"] for level in result["levels"])
    last = result["levels"][-1]
    print(
        f"\nupload p95 at {last['users']} advertisers: {last['steps']['upload']['p95_ms']} ms; "
        f"queue wait p95 {last['queue_wait']['p95_ms']} ms; errors {errors} (all levels); written to {out}"
    )
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
