"""A process-wide budget of decoded image bytes in flight.

A 6320×6320 RGBA PNG is 155 KB on the wire and 160 MB once decoded: a handful of them in parallel
would take the process past its memory limit (two uploads of four took it from 300 MB to 1.3 GB).
Every decode therefore first reserves its cost, read from the file's header. A large decode (over
an eighth of the budget) waits while others hold the budget; large ones are served in arrival order,
and one larger than the whole budget runs alone. A small one never waits, so ordinary photos (decoded
at a reduced scale, ~18 MB each) and logos are never slowed down, but it counts, so large ones wait for
it: the peak is the budget plus at most one small decode per worker thread.
"""

import asyncio
import ctypes
import ctypes.util
import logging
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress

from PIL import Image

logger = logging.getLogger(__name__)

# glibc's mallopt parameters, and the values set at start-up (see `return_large_allocations`).
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_MMAP_THRESHOLD = 8 * 1024 * 1024
_TRIM_THRESHOLD = 64 * 1024 * 1024
_PILLOW_BLOCK_SIZE = 64 * 1024 * 1024


class DecodeBudget:
    def __init__(self, capacity_bytes: int):
        self.capacity = capacity_bytes
        self.small = capacity_bytes // 8
        self.in_use = 0
        self._waiters: deque[tuple[int, asyncio.Future[None]]] = deque()

    @asynccontextmanager
    async def hold(self, cost: int) -> AsyncIterator[None]:
        """Reserve `cost` bytes for the duration of the block (capped at the whole budget)."""
        cost = max(0, min(cost, self.capacity))
        if cost > self.small and (self._waiters or self.in_use + cost > self.capacity):
            waiter = asyncio.get_running_loop().create_future()
            self._waiters.append((cost, waiter))
            try:
                await waiter
            except BaseException:
                if waiter.done() and not waiter.cancelled():
                    self._release(cost)  # granted just as the caller was cancelled
                else:
                    with suppress(ValueError):  # _wake may have dropped it already
                        self._waiters.remove((cost, waiter))
                    self._wake()
                raise
        else:
            self.in_use += cost
        try:
            yield
        finally:
            self._release(cost)

    def _release(self, cost: int) -> None:
        self.in_use -= cost
        self._wake()

    def _wake(self) -> None:
        while self._waiters:
            cost, waiter = self._waiters[0]
            if waiter.done():  # cancelled while waiting
                self._waiters.popleft()
                continue
            if self.in_use + cost > self.capacity:
                return
            self._waiters.popleft()
            self.in_use += cost
            waiter.set_result(None)


_budget = DecodeBudget(256 * 1024 * 1024)


def return_large_allocations() -> None:
    """Give each large image buffer back to the system when it is freed, instead of keeping it.

    By default glibc raises its mmap threshold each time a large block is freed, so the next 16 MB
    blocks of a decoded image come from the heap of the thread that decodes it, and each thread's heap
    keeps its peak: four threads processing one 6320² PNG after another held 850 MB. A fixed threshold
    (8 MB: above the buffers an ordinary photo makes many times, at no measurable cost) and Pillow
    blocks larger than it bring that to ~340 MB. The trim threshold is fixed too, as glibc would set it,
    so small allocations keep reusing their memory. Elsewhere than glibc: nothing to do.
    """
    Image.core.set_block_size(_PILLOW_BLOCK_SIZE)
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        mallopt = getattr(libc, "mallopt", None)
    except OSError:  # pragma: no cover - no C library to load
        mallopt = None
    if mallopt is None:  # pragma: no cover - not glibc
        return
    if not (mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD) and mallopt(_M_TRIM_THRESHOLD, _TRIM_THRESHOLD)):
        logger.warning("could not set the allocator's thresholds: large images may keep memory")  # pragma: no cover


def configure_decode_budget(capacity_bytes: int) -> None:
    """At start-up: the process's budget, and large image buffers returned to the system when freed."""
    global _budget
    _budget = DecodeBudget(capacity_bytes)
    return_large_allocations()


def decode_budget() -> DecodeBudget:
    return _budget
