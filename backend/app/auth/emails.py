"""E-mail addresses as account names: one spelling per mailbox, nothing invisible in them."""

import unicodedata

from email_validator import EmailNotValidError, validate_email

# Control (Cc), format (Cf: zero-width characters, bidi overrides), surrogate, private-use, unassigned.
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn"}


class BadEmail(ValueError):
    """The text is not an e-mail address we accept; the message says why, in a sentence."""


def _without_invisible(raw: str) -> str:
    value = raw.strip()
    if any(unicodedata.category(ch) in _INVISIBLE for ch in value):
        raise BadEmail("The email address contains an invisible or control character; type it again without it.")
    return unicodedata.normalize("NFKC", value).lower()


def normalise_email(raw: str) -> str:
    """The one stored spelling of a new account's address: trimmed, NFKC, lower-case, domain in Unicode.

    Raises BadEmail for control or invisible characters (NUL, zero-width space, right-to-left
    override...) and for anything that is not a plain address like name@example.com, so
    "admin\u200b@example.com" can never become a second "admin@example.com".
    """
    value = _without_invisible(raw)
    try:
        checked = validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        raise BadEmail(f"Enter an email address like name@example.com. {exc}") from exc
    return checked.normalized.lower()


def lookup_email(raw: str) -> str:
    """The spelling to look an account up by: as at sign-up where the address is valid.

    Lenient where sign-up is strict, so an account made before the strict check (or a FIRST_ADMIN_EMAIL
    on an intranet domain such as .local) can still sign in. Invisible characters are still refused.
    """
    value = _without_invisible(raw)
    try:
        return normalise_email(value)
    except BadEmail:
        return value
