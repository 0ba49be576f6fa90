"""One simulated advertiser: the whole flow, pausing like a person between steps."""

import asyncio
import random
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

import httpx

from bench.inputs import upload_form

STEPS = ["upload", "process", "generate", "preview", "approve", "download"]
BUDGET_S = {"upload": 1.0, "process": 5.0, "generate": 2.0, "preview": 1.0, "approve": 1.0, "download": 0.5}


@dataclass
class Recorder:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    # 503 "busy": the server's answer to overload (try again), counted apart from failures.
    busy: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    flows: int = 0

    def ok(self, step: str, seconds: float) -> None:
        self.latencies[step].append(seconds)

    def fail(self, step: str, detail: str) -> None:
        self.errors[step].append(detail[:200])


class StepFailed(Exception):
    pass


async def sign_in(client: httpx.AsyncClient) -> dict[str, str]:
    """A fresh advertiser account when the server has accounts; no header when it has none."""
    if (await client.get("/api/v1/auth/me")).status_code == 404:
        return {}
    email = f"bench-{uuid.uuid4().hex[:12]}@example.com"
    password = uuid.uuid4().hex
    r = await client.post("/api/v1/auth/register", json={"email": email, "password": password})
    if r.status_code not in (200, 201, 202):  # 202: the current API (the same answer for a taken address)
        raise StepFailed(f"register: {r.status_code} {r.text[:200]}")
    r = await client.post("/api/v1/auth/login", data={"username": email, "password": password})
    if r.status_code != 200:
        raise StepFailed(f"login: {r.status_code} {r.text[:200]}")
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


@dataclass
class Advertiser:
    client: httpx.AsyncClient
    inputs: dict[str, bytes | str]
    recorder: Recorder
    think: tuple[float, float]
    deadline: float
    headers: dict[str, str] = field(default_factory=dict)
    rng: random.Random = field(default_factory=random.Random)

    async def _timed(
        self, step: str, request: "asyncio.Future[httpx.Response] | object", expect: int
    ) -> httpx.Response:
        started = time.perf_counter()
        try:
            response: httpx.Response = await request  # type: ignore[misc]
        except httpx.HTTPError as exc:
            self.recorder.fail(step, f"{type(exc).__name__}: {exc}")
            raise StepFailed(step) from exc
        elapsed = time.perf_counter() - started
        if response.status_code == 503 and '"code":"busy"' in response.text:
            self.recorder.busy[step] += 1
            raise StepFailed(step)
        if response.status_code != expect:
            self.recorder.fail(step, f"HTTP {response.status_code}: {response.text[:150]}")
            raise StepFailed(step)
        self.recorder.ok(step, elapsed)
        return response

    async def pause(self) -> None:
        await asyncio.sleep(self.rng.uniform(*self.think))

    def _upload_request(self) -> "asyncio.Future[httpx.Response] | object":
        data, files = upload_form(self.inputs, f"Winter Estate Auction {self.rng.randint(1, 9999)}")
        return self.client.post("/api/v1/upload", data=data, files=files, headers=self.headers)

    async def _download(self, cid: str) -> httpx.Response:
        """The ZIP. While a job worker is still building it (JOBS_BROKER_URL), the server answers 409
        package_pending with Retry-After: asked again after that long (1–10 s), as the web app does, so
        the step's time runs from the first ask to the ZIP."""
        for _ in range(30):
            r = await self.client.get(f"/api/v1/download/{cid}", headers=self.headers)
            if r.status_code != 409 or '"code":"package_pending"' not in r.text:
                break
            try:
                wait = float(r.headers.get("Retry-After", "2"))
            except ValueError:
                wait = 2.0
            await asyncio.sleep(min(max(wait, 1.0), 10.0))
        return r

    async def run_flow(self) -> None:
        c, h = self.client, self.headers
        r = await self._timed("upload", self._upload_request(), 201)
        cid = r.json()["id"]
        await self.pause()
        await self._timed("process", c.post(f"/api/v1/process/{cid}", headers=h), 200)
        await self.pause()
        r = await self._timed("generate", c.post(f"/api/v1/generate/{cid}", headers=h), 201)
        version = r.json()["version"]
        await self.pause()
        await self._timed("preview", c.get(f"/api/v1/preview/{cid}", headers=h), 200)
        await self.pause()
        body = {"decision": "approve", "proof_version": version}
        await self._timed("approve", c.post(f"/api/v1/approve/{cid}", json=body, headers=h), 200)
        await self.pause()
        r = await self._timed("download", self._download(cid), 200)
        if r.content[:2] != b"PK":
            self.recorder.fail("download", "not a ZIP")
            raise StepFailed("download")
        self.recorder.flows += 1

    async def run(self, start_delay: float, max_flows: int | None, min_flows: int = 0, overtime: float = 0.0) -> None:
        """Flows until the deadline; past it (up to `overtime` s more) while the level has fewer than
        `min_flows` complete flows, so that one advertiser's p95 rests on enough samples."""
        await asyncio.sleep(start_delay)
        done = 0

        def more() -> bool:
            now = time.monotonic()
            wanted = now < self.deadline or (self.recorder.flows < min_flows and now < self.deadline + overtime)
            return wanted and (max_flows is None or done < max_flows)

        while more():
            try:
                await self.run_flow()
            except StepFailed:
                await self.pause()
            done += 1
            await self.pause()
