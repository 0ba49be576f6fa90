"""Counting requests per key in fixed windows that start at a key's first request."""

import asyncio
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from app.core.rates import Rate


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after_s: int  # seconds until the window resets; 0 when allowed


class RateLimiter(Protocol):
    """Counts a hit for `key` and says whether it is still within `rate`."""

    async def hit(self, key: str, rate: Rate) -> Verdict: ...

    async def close(self) -> None: ...


def _retry_after(remaining_s: float) -> int:
    return max(1, math.ceil(remaining_s))


class MemoryRateLimiter:
    """Per-process counters: right for one process; use Redis when several replicas serve traffic."""

    MAX_KEYS = 100_000

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._windows: dict[str, tuple[float, int]] = {}  # key -> (window end, hits)
        self._lock = asyncio.Lock()

    def _purge(self, now: float) -> None:
        expired = [k for k, (end, _) in self._windows.items() if end <= now]
        for k in expired:
            del self._windows[k]
        if len(self._windows) >= self.MAX_KEYS:
            # Still full of live keys (a flood of distinct IPs): forget the oldest half.
            for k in sorted(self._windows, key=lambda k: self._windows[k][0])[: self.MAX_KEYS // 2]:
                del self._windows[k]

    async def hit(self, key: str, rate: Rate) -> Verdict:
        async with self._lock:
            now = self._clock()
            end, hits = self._windows.get(key, (0.0, 0))
            if end <= now:
                if len(self._windows) >= self.MAX_KEYS:
                    self._purge(now)
                end, hits = now + rate.period_s, 0
            hits += 1
            self._windows[key] = (end, hits)
        if hits > rate.limit:
            return Verdict(False, _retry_after(end - now))
        return Verdict(True, 0)

    async def close(self) -> None:
        self._windows.clear()
