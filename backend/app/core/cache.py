"""The one kind of in-process cache: at most `size` entries, least recently used out first, optionally expiring.

Every cache of derived data in a process is one of these (proofs: palettes by logo, plated logos, cropped
photos; images: renditions known to be ready), so each has a bound and `clear_all_caches` empties them all.
Event-loop use only (not thread-safe): the values are computed in worker threads, the cache is not touched there.
"""

import time
import weakref
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_all: "weakref.WeakSet[BoundedCache[object, object]]" = weakref.WeakSet()


class BoundedCache(Generic[K, V]):
    """`size` entries at most; with `ttl_s`, an entry older than that is gone (a miss)."""

    def __init__(self, size: int, ttl_s: float | None = None, clock: Callable[[], float] = time.monotonic):
        if size < 1:
            raise ValueError("a cache holds at least one entry")
        self.size = size
        self.ttl_s = ttl_s
        self._clock = clock
        self._items: OrderedDict[K, tuple[float, V]] = OrderedDict()  # key -> (stored at, value)
        _all.add(self)  # type: ignore[arg-type]

    def _fresh(self, key: K) -> bool:
        entry = self._items.get(key)
        if entry is None:
            return False
        if self.ttl_s is not None and self._clock() - entry[0] >= self.ttl_s:
            del self._items[key]
            return False
        return True

    def __contains__(self, key: K) -> bool:
        return self._fresh(key)

    def __getitem__(self, key: K) -> V:
        if not self._fresh(key):
            raise KeyError(key)
        self._items.move_to_end(key)
        return self._items[key][1]

    def __len__(self) -> int:
        return len(self._items)

    def put(self, key: K, value: V) -> None:
        self._items[key] = (self._clock(), value)
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    async def get(self, key: K, compute: Callable[[], Awaitable[V]]) -> V:
        """The cached value, or `compute()`'s, kept for next time."""
        if self._fresh(key):
            return self[key]
        value = await compute()
        self.put(key, value)
        return value

    def clear(self) -> None:
        self._items.clear()


def clear_all_caches() -> None:
    """Empty every BoundedCache of this process (tests that wipe storage between them)."""
    for cache in list(_all):
        cache.clear()
