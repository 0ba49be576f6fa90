"""Small text helpers: slugs, safe display names, user text as data, URL checks."""

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


# Characters that reorder how text is displayed (bidi embeddings, overrides and isolates): a name could
# show one thing and say another ("\u202e" turns "gpj.exe" around), so they are refused.
_DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Invisible characters pasted from word processors and web pages: removed, they carry nothing.
# (The zero-width joiner and non-joiner stay: emoji sequences and several scripts need them.)
_INVISIBLE = frozenset("\u200b\u2060\ufeff\u00ad\u180e")


def _codepoint(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


def clean_text(value: str | None, field: str = "The text") -> str:
    """The text as written, minus invisible characters; control and direction characters are refused.

    Line endings are normalised. Quotes, angle brackets, SQL words and emoji are plain data: queries are
    parameterised and every output escapes, so nothing is refused for what it says.
    """
    if not value:
        return ""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    for ch in value:
        if ch in "\n\t":
            continue
        if unicodedata.category(ch) == "Cc":
            raise InvalidInput(
                f"{field} contains a control character ({_codepoint(ch)}) that can't be shown; remove it.",
                code="invalid_characters",
            )
        if ch in _DIRECTION_CONTROLS:
            raise InvalidInput(
                f"{field} contains an invisible text-direction character ({_codepoint(ch)}) that changes how "
                "the text reads; remove it.",
                code="invalid_characters",
            )
    return "".join(ch for ch in value if ch not in _INVISIBLE).strip()


def has_visible_text(value: str) -> bool:
    """True when the text shows something: a letter, digit, punctuation mark or symbol."""
    return any(unicodedata.category(ch)[0] in "LNPS" for ch in value)


def require_length(field: str, value: str, *, min_length: int, max_length: int) -> str:
    if len(value) < min_length or (min_length and not has_visible_text(value)):
        raise InvalidInput(f"{field} is required." if min_length == 1 else f"{field} is too short.")
    if len(value) > max_length:
        raise InvalidInput(f"{field} must be at most {max_length:,} characters (got {len(value):,}).")
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
