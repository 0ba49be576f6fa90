"""UTM tags on the email's links, so the advertiser sees which sales came from this email."""

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit


@dataclass(frozen=True)
class UtmTags:
    source: str = "hibid"
    medium: str = "email"
    campaign: str = ""

    def as_params(self) -> dict[str, str]:
        tags = {"utm_source": self.source, "utm_medium": self.medium, "utm_campaign": self.campaign}
        return {k: v for k, v in tags.items() if v}


def add_utm(url: str, tags: UtmTags | None) -> str:
    """`url` with UTM tags appended; its own query (including its own utm_* values) and fragment kept.

    Only http(s) URLs are tagged: merge tags, mailto: and anything else pass through untouched.
    """
    if tags is None:
        return url
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return url
    existing = parse_qsl(parts.query, keep_blank_values=True)
    present = {k.lower() for k, _ in existing}
    extra = [(k, v) for k, v in tags.as_params().items() if k not in present]
    if not extra:
        return url
    query = f"{parts.query}&{urlencode(extra)}" if parts.query else urlencode(extra)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))
