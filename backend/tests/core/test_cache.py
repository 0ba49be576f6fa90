"""The one in-process cache: a bound on entries, least recently used out first, optional expiry."""

from app.core.cache import BoundedCache, clear_all_caches
from app.proofs.palette import palette_cache


def test_the_least_recently_used_entry_goes_first():
    cache: BoundedCache[str, int] = BoundedCache(size=2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache["a"] == 1  # "a" is now the most recently used
    cache.put("c", 3)
    assert "a" in cache and "c" in cache and "b" not in cache
    assert len(cache) == 2


def test_an_entry_older_than_its_ttl_is_a_miss():
    now = [100.0]
    cache: BoundedCache[str, int] = BoundedCache(size=10, ttl_s=60, clock=lambda: now[0])
    cache.put("a", 1)
    now[0] += 59
    assert cache["a"] == 1
    now[0] += 1
    assert "a" not in cache
    assert len(cache) == 0


async def test_a_value_is_computed_once_while_cached():
    cache: BoundedCache[str, int] = BoundedCache(size=1)
    calls: list[str] = []

    async def compute() -> int:
        calls.append("x")
        return 7

    assert await cache.get("k", compute) == 7
    assert await cache.get("k", compute) == 7
    assert calls == ["x"]


def test_clear_all_caches_empties_the_app_caches():
    palette_cache.put("campaigns/x/logo.png", object())  # type: ignore[arg-type]
    clear_all_caches()
    assert len(palette_cache) == 0
