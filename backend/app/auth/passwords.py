"""What a password must be: long enough, and not one an attacker would try early."""

from zxcvbn import zxcvbn
from zxcvbn.matching import RANKED_DICTIONARIES

from app.core.guessability import SCORED_PREFIX, ZXCVBN_LOCK

PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 128  # argon2 takes any length; a cap keeps a request from buying minutes of CPU
MIN_SCORE = 3  # zxcvbn: 3 = "safely unguessable: moderate protection from offline attacks" (~10^8 guesses)
COMMON_RANK = 10_000  # the 10,000 most common passwords are refused whatever their score

_COMMON = RANKED_DICTIONARIES["passwords"]
ADVICE = "Use a few unrelated words or a password manager's random password, at least 10 characters."


def password_problem(password: str, user_inputs: tuple[str, ...] = ()) -> str | None:
    """Why a password is refused, as a sentence for the person choosing it; None if it is fine.

    Blocking (a few ms of CPU, up to ~20 ms): call it from a worker thread.
    """
    if len(password) < PASSWORD_MIN_LENGTH:
        return f"Use at least {PASSWORD_MIN_LENGTH} characters. {ADVICE}"
    if _COMMON.get(password.lower(), COMMON_RANK + 1) <= COMMON_RANK:
        return f"This password is one of the 10,000 most common passwords, so it is tried first. {ADVICE}"
    with ZXCVBN_LOCK:
        result = zxcvbn(password[:SCORED_PREFIX], user_inputs=list(user_inputs), max_length=SCORED_PREFIX)
    if result["score"] < MIN_SCORE:
        warning = result["feedback"].get("warning") or "It would be guessed quickly."
        return f"This password is too easy to guess. {warning.rstrip('.')}. {ADVICE}"
    return None
