"""How hard a secret is to guess (zxcvbn): used for passwords (auth) and for SECRET_KEY at start-up (config)."""

import threading

from zxcvbn import zxcvbn

# zxcvbn's cost grows with length (about 1 s of CPU for 128 random characters, 10 ms for 32): judge a
# prefix. If the first characters are hard to guess, adding more only makes the secret stronger.
SCORED_PREFIX = 32
# zxcvbn keeps the caller's `user_inputs` in a module-level dictionary: one check at a time.
ZXCVBN_LOCK = threading.Lock()


def guesses_log10(text: str) -> float:
    """zxcvbn's estimate of the guesses needed (log10) for the text's first SCORED_PREFIX characters.

    Blocking (up to ~20 ms). Repeats ("aaaa…"), sequences ("0123…"), keyboard walks and words score low.
    """
    with ZXCVBN_LOCK:
        return float(zxcvbn(text[:SCORED_PREFIX], max_length=SCORED_PREFIX)["guesses_log10"])
