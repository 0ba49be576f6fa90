"""`bench flow`: the whole advertiser flow against the app started the production way.

Runs uvicorn with workers (SQLite and/or PostgreSQL), drives 1, 10 and 50 concurrent simulated
advertisers over loopback — each pausing 1–3 s between steps — and prints per level: p50, p95 and max
per step, errors, flows per minute, the server's peak RSS and its CPU seconds per flow. Writes the same
to bench-results/latest.json and reports the capacity: the most concurrent advertisers at which every
step's p95 stays within its budget (BUDGET_S in bench/flow.py), with no errors and no 503 "busy" answers. Exits 1
on any error other than "busy" (the designed answer to overload, expected past the capacity).

    ./scripts/bench.sh flow                 # full run (several minutes)
    ./scripts/bench.sh flow --short         # a few advertisers, a few seconds (CI)
"""

import argparse
import asyncio
import json
import platform
import random
import statistics
import time
from pathlib import Path

import httpx

from bench.flow import BUDGET_S, STEPS, Advertiser, Recorder, sign_in
from bench.inputs import load_inputs
from bench.server import ROOT, Server
from bench.stats import percentile


def ramp_seconds(think: tuple[float, float]) -> float:
    """One flow's pauses on average: six steps, each followed by a pause."""
    return len(STEPS) * (think[0] + think[1]) / 2


async def run_level(
    server: Server,
    inputs: dict[str, bytes | str],
    users: int,
    duration: float,
    think: tuple[float, float],
    max_flows: int | None,
    seed: int,
    min_flows: int = 0,
) -> dict[str, object]:
    recorder = Recorder()
    # Idle connections expire before uvicorn's 5 s keep-alive closes them, so no request races a close.
    limits = httpx.Limits(
        max_connections=users + 5,
        max_keepalive_connections=users + 5,
        keepalive_expiry=2.0,
    )
    timeout = httpx.Timeout(60.0)
    async with httpx.AsyncClient(base_url=server.base_url, limits=limits, timeout=timeout) as client:
        headers = await asyncio.gather(*(sign_in(client) for _ in range(users)))
        rng = random.Random(seed)
        cpu_before = server.cpu_seconds()
        client_cpu_before = time.process_time()
        started = time.monotonic()
        deadline = started + duration
        advertisers = [
            Advertiser(
                client,
                inputs,
                recorder,
                think,
                deadline,
                headers=h,
                rng=random.Random(rng.random()),
            )
            for h in headers
        ]
        stop = asyncio.Event()

        async def sample_memory() -> None:
            while not stop.is_set():
                server.sample_rss()
                await asyncio.sleep(0.25)

        sampler = asyncio.create_task(sample_memory())
        # First arrivals spread over one flow's worth of pauses (a ramp, as in any load test): the level
        # then starts in its steady state instead of with every advertiser uploading in the same second.
        ramp = ramp_seconds(think)
        overtime = 4 * duration  # at most: a lone advertiser needs ~12.5 s per flow
        tasks = [a.run(rng.uniform(0, ramp), max_flows, min_flows, overtime) for a in advertisers]
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=duration + overtime + 180)
        elapsed = time.monotonic() - started
        stop.set()
        await sampler
        cpu = server.cpu_seconds() - cpu_before
        client_cpu = time.process_time() - client_cpu_before

    steps = {}
    for step in STEPS:
        values = recorder.latencies.get(step, [])
        steps[step] = {
            "count": len(values),
            "p50_ms": round(percentile(values, 50) * 1000, 1),
            "p95_ms": round(percentile(values, 95) * 1000, 1),
            "max_ms": round(max(values) * 1000, 1) if values else None,
            "mean_ms": round(statistics.fmean(values) * 1000, 1) if values else None,
            "errors": len(recorder.errors.get(step, [])),
            "busy": recorder.busy.get(step, 0),
            "budget_ms": BUDGET_S[step] * 1000,
            "within_budget": bool(values) and percentile(values, 95) <= BUDGET_S[step],
            "samples_ms": [round(v * 1000, 1) for v in values],  # in completion order, to check the figures
        }
    errors = sum(len(v) for v in recorder.errors.values())
    busy = sum(recorder.busy.values())
    return {
        "users": users,
        "seconds": round(elapsed, 1),
        "flows": recorder.flows,
        "flows_per_minute": round(recorder.flows / elapsed * 60, 1),
        "errors": errors,
        "busy": busy,
        "error_samples": {k: v[:3] for k, v in recorder.errors.items()},
        "server_cpu_seconds": round(cpu, 2),
        "cpu_seconds_per_flow": round(cpu / recorder.flows, 3) if recorder.flows else None,
        "client_cpu_seconds_per_flow": round(client_cpu / recorder.flows, 3) if recorder.flows else None,
        "peak_rss_mb": round(server.peak_rss / 1_048_576, 1),
        "steps": steps,
        "within_budget": errors == 0 and busy == 0 and all(s["within_budget"] for s in steps.values()),
    }


def print_level(database: str, level: dict) -> None:
    print(
        f"\n[{database}] {level['users']} concurrent advertisers — {level['flows']} flows in {level['seconds']} s "
        f"({level['flows_per_minute']}/min), errors {level['errors']}, busy {level['busy']}, "
        f"peak RSS {level['peak_rss_mb']} MB, "
        f"server CPU {level['cpu_seconds_per_flow']} s/flow "
        f"(load generator {level['client_cpu_seconds_per_flow']} s/flow)"
    )
    print(f"  {'step':<9} {'n':>5} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9} {'budget':>8}  ok")
    for step, s in level["steps"].items():
        mark = "yes" if s["within_budget"] else "NO"
        print(
            f"  {step:<9} {s['count']:>5} {s['p50_ms']:>9} {s['p95_ms']:>9} {s['max_ms']!s:>9} "
            f"{s['budget_ms']:>8.0f}  {mark}"
        )
    for step, samples in level["error_samples"].items():
        print(f"  errors in {step}: {samples}")


async def bench_database(args: argparse.Namespace, inputs: dict[str, bytes | str], database: str) -> dict:
    server = Server(database=database, workers=args.workers)
    server.start()
    try:
        levels = []
        for i, users in enumerate(args.levels):
            level = await run_level(
                server,
                inputs,
                users,
                args.duration,
                args.think,
                args.max_flows,
                seed=i,
                min_flows=args.min_flows,
            )
            print_level(database, level)
            levels.append(level)
        passing = [lvl["users"] for lvl in levels if lvl["within_budget"]]
        failing = [lvl["users"] for lvl in levels if not lvl["within_budget"]]
        capacity = max(passing) if passing else 0
        if args.find_capacity and failing and passing:
            lo, hi = capacity, min(u for u in failing if u > capacity)
            while hi - lo > max(2, lo // 10):
                mid = (lo + hi) // 2
                level = await run_level(
                    server,
                    inputs,
                    mid,
                    args.duration,
                    args.think,
                    args.max_flows,
                    seed=mid,
                    min_flows=args.min_flows,
                )
                print_level(database, level)
                levels.append(level)
                lo, hi = (mid, hi) if level["within_budget"] else (lo, mid)
            capacity = lo
        return {
            "database": database,
            "workers": args.workers,
            "levels": levels,
            "capacity": capacity,
        }
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bench flow", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--short", action="store_true", help="a few advertisers for a few seconds (CI)")
    parser.add_argument("--levels", default="1,10,50", help="comma-separated concurrent advertisers")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per level")
    parser.add_argument("--think", default="1,3", help="pause between steps, min,max seconds")
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite,postgres")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--max-flows", type=int, default=None, help="flows per advertiser at most")
    parser.add_argument(
        "--min-flows",
        type=int,
        default=20,
        help="complete flows per level at least (a level runs past --duration, up to 4x, to get them)",
    )
    parser.add_argument(
        "--find-capacity",
        action="store_true",
        help="bisect between passing and failing levels",
    )
    parser.add_argument("--out", default=str(ROOT / "bench-results" / "latest.json"))
    args = parser.parse_args(argv)
    if args.short:
        args.levels, args.duration, args.think, args.databases = (
            "1,3",
            6.0,
            "0.1,0.3",
            "sqlite",
        )
        args.max_flows = args.max_flows or 2
        args.min_flows = 0
        if args.out == str(ROOT / "bench-results" / "latest.json"):
            args.out = str(ROOT / "bench-results" / "short.json")
    args.levels = [int(x) for x in args.levels.split(",")]
    args.think = tuple(float(x) for x in args.think.split(","))

    inputs = load_inputs(ROOT / "bench-results" / ".inputs")
    print(
        f"inputs: logo {len(inputs['logo.png']) / 1024:.0f} KB, photos "
        + ", ".join(f"{len(inputs[f'photo{i}.jpg']) / 1e6:.1f} MB" for i in (1, 2, 3))
        + f", text {len(inputs['text'])} chars; think {args.think[0]}–{args.think[1]} s; "
        f"{args.duration:.0f} s per level; {args.workers} workers"
    )
    results = {
        "machine": {
            "cpus": __import__("os").cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "settings": {
            "levels": args.levels,
            "duration_s": args.duration,
            "think_s": args.think,
            "workers": args.workers,
            "min_flows": args.min_flows,
        },
        "runs": [],
    }
    for database in args.databases.split(","):
        results["runs"].append(asyncio.run(bench_database(args, inputs, database)))

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print()
    ok = True
    for run in results["runs"]:
        # A 503 "busy" past the capacity is the designed answer to overload; any other error fails the run.
        errors = sum(lvl["errors"] for lvl in run["levels"])
        busy = sum(lvl["busy"] for lvl in run["levels"])
        ok &= errors == 0
        print(
            f"capacity [{run['database']}]: {run['capacity']} concurrent advertisers within budget; "
            f"errors {errors}, busy answers {busy} (all levels)"
        )
    print(f"written to {out}")
    return 0 if ok else 1
