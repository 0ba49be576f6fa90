"""The counters themselves: rates as operators write them, windows that open and close."""

import pytest

from app.core.rates import Rate, parse_rate
from app.ratelimit.limiter import MemoryRateLimiter


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("10/minute", Rate(10, 60)),
        ("120/MINUTE", Rate(120, 60)),
        (" 5 / second ", Rate(5, 1)),
        ("100/hour", Rate(100, 3600)),
        ("1000/day", Rate(1000, 86400)),
        ("3/5minutes", Rate(3, 300)),
    ],
)
def test_rates_parse(text, rate):
    assert parse_rate(text) == rate


@pytest.mark.parametrize("text", ["", "ten/minute", "10/fortnight", "10", "0/minute", "-1/minute"])
def test_bad_rates_are_refused(text):
    with pytest.raises(ValueError, match="invalid rate"):
        parse_rate(text)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_memory_limiter_allows_the_limit_then_refuses_until_the_window_ends():
    clock = FakeClock()
    limiter = MemoryRateLimiter(clock=clock)
    rate = Rate(3, 60)
    assert [(await limiter.hit("k", rate)).allowed for _ in range(3)] == [True, True, True]
    clock.now += 20
    refused = await limiter.hit("k", rate)
    assert not refused.allowed and refused.retry_after_s == 40
    assert (await limiter.hit("other", rate)).allowed  # keys are independent
    clock.now += 40
    assert (await limiter.hit("k", rate)).allowed  # a new window


async def test_memory_limiter_forgets_expired_keys_when_full(monkeypatch):
    clock = FakeClock()
    limiter = MemoryRateLimiter(clock=clock)
    monkeypatch.setattr(MemoryRateLimiter, "MAX_KEYS", 10)
    for i in range(10):
        await limiter.hit(f"old-{i}", Rate(1, 1))
    clock.now += 5
    await limiter.hit("new", Rate(1, 60))
    assert set(limiter._windows) == {"new"}
    for i in range(20):  # a flood of live keys never grows the table past its cap
        await limiter.hit(f"live-{i}", Rate(1, 60))
    assert len(limiter._windows) <= 10
