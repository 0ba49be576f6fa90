"""Counters in Redis, so every replica shares one limit per key."""

import logging

from redis.asyncio import Redis
from redis.exceptions import RedisError

from app.core.rates import Rate
from app.ratelimit.limiter import Verdict, _retry_after

logger = logging.getLogger(__name__)

# One round trip, atomic: count the hit, start the window on the first one, report the time left.
_HIT = """
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {hits, ttl}
"""


class RedisRateLimiter:
    """Fixed windows in Redis keys with an expiry. If Redis is down, requests are let through (logged)."""

    def __init__(self, client: Redis, prefix: str = "hibid:rl:"):
        self._client = client
        self._prefix = prefix
        self._script = client.register_script(_HIT)

    @classmethod
    def from_url(cls, url: str, prefix: str = "hibid:rl:") -> "RedisRateLimiter":
        client = Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)
        return cls(client, prefix)

    async def hit(self, key: str, rate: Rate) -> Verdict:
        try:
            hits, ttl_ms = await self._script(keys=[self._prefix + key], args=[rate.period_s * 1000])
        except (RedisError, OSError):
            # A limiter outage must not take the API down with it.
            logger.warning("rate limiter unavailable; request allowed", exc_info=True)
            return Verdict(True, 0)
        if int(hits) > rate.limit:
            return Verdict(False, _retry_after(int(ttl_ms) / 1000))
        return Verdict(True, 0)

    async def close(self) -> None:
        await self._client.aclose()
