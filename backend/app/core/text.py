"""Small text helpers: slugs, safe display names, URL checks."""

import re
import unicodedata
from urllib.parse import urlsplit

from app.core.errors import InvalidInput


def slugify(value: str, max_length: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].strip("-") or "campaign"


def display_filename(name: str | None, fallback: str = "image") -> str:
    """A file name fit only for display: no folders, control characters or odd punctuation."""
    if not name:
        return fallback
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] not in ("C", "Z") or ch == " ")
    name = re.sub(r"[<>:\"|?*`$;]", "", name).strip(" .")
    return name[:120] or fallback


def clean_text(value: str | None) -> str:
    """Normalise line endings and drop control characters except newlines and tabs."""
    if not value:
        return ""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch) != "Cc").strip()


def require_length(field: str, value: str, *, min_length: int, max_length: int) -> str:
    if len(value) < min_length:
        raise InvalidInput(f"{field} is required." if min_length == 1 else f"{field} is too short.")
    if len(value) > max_length:
        raise InvalidInput(f"{field} must be at most {max_length:,} characters (got {len(value):,}).")
    return value


# An HTML tag or comment: "<b>", "</a>", "<img src=x>", "<!-- -->". A bare "<" or "5 < 6" is fine.
_MARKUP = re.compile(r"<\s*[/!?]?\s*[A-Za-z!][^<>]*>")


def reject_markup(field: str, value: str) -> str:
    """Text fields are plain text: HTML would show up as literal tags in the email, so say so up front."""
    if _MARKUP.search(value):
        raise InvalidInput(
            f"{field} must be plain text: remove HTML tags such as <b> or <a> (the email is formatted for you).",
            code="markup_not_allowed",
        )
    return value


# Unmistakable SQL-injection probes. Queries are parametrised, so these could do no harm; they are
# refused because no auction text contains them and a clear "no" beats storing an attack verbatim.
# Apostrophes, quotes and ampersands in real names ("O'Brien & Sons") stay valid.
_SQL_PROBE = re.compile(
    r";\s*(?:drop|truncate|alter)\s+(?:table|database|schema)\b"
    r"|\bunion\s+(?:all\s+)?select\b"
    r"|'\s*(?:or|and)\s+'?\w+'?\s*=\s*'?\w+"
    r"|;\s*(?:delete\s+from|insert\s+into|update\s+\w+\s+set)\b",
    re.IGNORECASE,
)


def reject_sql_probe(field: str, value: str) -> str:
    if _SQL_PROBE.search(value):
        raise InvalidInput(
            f"{field} contains text that looks like a database command; please remove it.",
            code="suspicious_input",
        )
    return value


def validate_http_url(field: str, value: str | None) -> str | None:
    """Accept only absolute http(s) URLs with a host; return None for an empty value."""
    value = (value or "").strip()
    if not value:
        return None
    if len(value) > 2048:
        raise InvalidInput(f"{field} must be at most 2,048 characters.", code="invalid_url")
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InvalidInput(f"{field} must be a full http:// or https:// address.", code="invalid_url")
    if any(ch.isspace() or ord(ch) < 32 for ch in value) or '"' in value or "<" in value or ">" in value:
        raise InvalidInput(f"{field} contains characters that are not allowed in a link.", code="invalid_url")
    return value
