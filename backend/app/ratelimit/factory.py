"""The one place that picks the rate limiter from Settings."""

from app.core.config import Settings
from app.ratelimit.limiter import MemoryRateLimiter, RateLimiter


def create_limiter(settings: Settings) -> RateLimiter:
    """Redis-backed when REDIS_URL is set (shared by replicas), in-process otherwise."""
    if settings.redis_url:
        from app.ratelimit.redis_limiter import RedisRateLimiter

        return RedisRateLimiter.from_url(settings.redis_url)
    return MemoryRateLimiter()
