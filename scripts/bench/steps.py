"""CPU cost of each step: one advertiser, steps run back to back, the server's CPU seconds per call.

Starts one uvicorn worker the production way and reads its CPU time from /proc before and after
every call, so the figures are the server's own accounting (user + system), not wall time.

    ./scripts/bench.sh steps --flows 20
"""

import argparse
import asyncio
import statistics
import time
from collections.abc import Awaitable

import httpx

from bench.flow import STEPS, Advertiser, Recorder, sign_in
from bench.inputs import load_inputs
from bench.server import ROOT, Server


async def measure(server: Server, inputs: dict[str, bytes | str], flows: int) -> dict[str, list[float]]:
    cpu: dict[str, list[float]] = {step: [] for step in STEPS}

    async def timed(step: str, request: Awaitable[httpx.Response]) -> httpx.Response:
        before = server.cpu_seconds()
        response = await request
        cpu[step].append(server.cpu_seconds() - before)
        if response.status_code >= 400:
            raise SystemExit(f"{step}: HTTP {response.status_code} {response.text[:200]}")
        return response

    async with httpx.AsyncClient(base_url=server.base_url, timeout=60) as client:
        h = await sign_in(client)
        adv = Advertiser(client, inputs, Recorder(), (0.0, 0.0), time.monotonic() + 3600, headers=h)
        for _ in range(flows):
            cid = (await timed("upload", adv._upload_request())).json()["id"]  # type: ignore[arg-type]
            await timed("process", client.post(f"/api/v1/process/{cid}", headers=h))
            version = (await timed("generate", client.post(f"/api/v1/generate/{cid}", headers=h))).json()["version"]
            await timed("preview", client.get(f"/api/v1/preview/{cid}", headers=h))
            body = {"decision": "approve", "proof_version": version}
            await timed("approve", client.post(f"/api/v1/approve/{cid}", json=body, headers=h))
            await timed("download", client.get(f"/api/v1/download/{cid}", headers=h))
    return cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bench steps", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--flows", type=int, default=20)
    parser.add_argument("--database", default="sqlite")
    args = parser.parse_args(argv)
    inputs = load_inputs(ROOT / "bench-results" / ".inputs")
    server = Server(database=args.database, workers=1)
    server.start()
    try:
        cpu = asyncio.run(measure(server, inputs, args.flows))
    finally:
        server.stop()
    total = 0.0
    print(f"server CPU per call, ms (one worker, {args.flows} flows, mean / median):")
    for step, values in cpu.items():
        mean = statistics.fmean(values) * 1000
        total += mean
        print(f"  {step:<9} {mean:7.1f} {statistics.median(values) * 1000:7.1f}")
    print(f"  {'flow':<9} {total:7.1f}")
    return 0
