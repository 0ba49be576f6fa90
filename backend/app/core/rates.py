"""Rate limits written the way operators write them: "10/minute"."""

import re
from dataclasses import dataclass

_PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*(second|minute|hour|day)s?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Rate:
    """At most `limit` requests per `period_s` seconds."""

    limit: int
    period_s: int

    def __str__(self) -> str:
        return f"{self.limit}/{self.period_s}s"


def parse_rate(text: str) -> Rate:
    """Parse "N/second|minute|hour|day" (also "N/5minutes"); raise ValueError otherwise."""
    match = _RATE.match(text)
    if not match:
        raise ValueError(f"invalid rate {text!r}: write it like '10/minute' or '100/hour'")
    count, multiplier, unit = match.groups()
    period = _PERIODS[unit.lower()] * int(multiplier or 1)
    if int(count) < 1 or period < 1:
        raise ValueError(f"invalid rate {text!r}: the count and the period must be at least 1")
    return Rate(limit=int(count), period_s=period)
