"""Checks written copy against the advertiser's own words before anyone sees it.

Two jobs:
- Clean: web addresses, e-mail addresses and markup never reach the email body (the only link is the
  button, built from `cta_url`); each removal becomes a warning.
- Flag: numbers, dates and prices the advertiser never wrote are warnings on the copy version (they
  travel onto the proof), because an invented date or price in a promo email is worse than no email.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.copywriting.facts import DATE_RE, MONEY_RE, TIME_RE
from app.copywriting.schemas import CopyBrief, CopyDraft, Highlight

MAX_FACT_WARNINGS = 6

_TLDS = (
    "com|net|org|info|biz|us|co|io|ai|app|shop|store|online|site|website|auction|auctions|bid|gov|edu|"
    "uk|ca|au|nz|de|fr|nl|ie|me|tv|ly|xyz|link|click|live|top|ru|cn"
)
# Things an email client turns into a link: full URLs, www., bare domains and e-mail addresses.
LINK_RE = re.compile(
    r"(?:https?://|ftp://|mailto:|www\.)[^\s<>\"')\]]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    rf"|\b(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+(?:{_TLDS})\b(?:/[^\s<>\"')\]]*)?",
    re.IGNORECASE,
)
_MARKDOWN_LINK_RE = re.compile(r"\[([^\]]{1,200})\]\([^)]{0,500}\)")
_TAG_RE = re.compile(r"</?[a-zA-Z][^<>]{0,300}>|<!--.*?-->", re.DOTALL)
_EMPHASIS_RE = re.compile(r"(\*\*|__|\*|`)(?=\S)(.+?)(?<=\S)\1")
_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE)
_DIGITS_RE = re.compile(r"\d+")
_THOUSANDS_RE = re.compile(r"(?<=\d),(?=\d{3}\b)")
_FULL_NAMES = (
    "January|February|March|April|June|July|August|September|October|November|December|"
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
)
_SHORT_NAMES = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|Mon|Tues|Tue|Wed|Thurs|Thu|Fri|Sat|Sun"
# In copy: full names, or short ones (and "May") only when a day number follows, so "May we..." is no date.
_NAMES_RE = re.compile(rf"\b(?:({_FULL_NAMES})\b|({_SHORT_NAMES})\.?(?=\s*\d))")
# In the advertiser's words anything that looks like a month or day counts.
_ANY_NAME_RE = re.compile(rf"\b({_FULL_NAMES}|{_SHORT_NAMES})\b", re.IGNORECASE)


@dataclass
class GuardResult:
    draft: CopyDraft
    warnings: list[dict[str, Any]] = field(default_factory=list)


def warning(code: str, severity: str, message: str, field_name: str) -> dict[str, Any]:
    """A copy warning; `field` lets an edit of that field retire it."""
    return {"code": code, "severity": severity, "message": message, "field": field_name}


def advertiser_words(brief: CopyBrief) -> str:
    """Everything the advertiser wrote that copy may state as fact."""
    return "\n".join([brief.campaign_name, brief.advertiser_name, brief.text_content, brief.feedback or ""])


def digit_groups(text: str) -> set[str]:
    """Each run of digits, thousands separators dropped and leading zeros ignored ("1,500" → "1500")."""
    return {g.lstrip("0") or "0" for g in _DIGITS_RE.findall(_THOUSANDS_RE.sub("", text))}


def _calendar_names(text: str) -> set[str]:
    return {m.group(1)[:3].casefold() for m in _ANY_NAME_RE.finditer(text)}


def strip_links_and_markup(text: str) -> tuple[str, list[str], bool]:
    """Plain text without links or markup; returns the text, the links removed and whether markup was."""
    cleaned = _MARKDOWN_LINK_RE.sub(r"\1", text)
    cleaned = _TAG_RE.sub(" ", cleaned)
    cleaned = _EMPHASIS_RE.sub(r"\2", cleaned)
    cleaned = _HEADING_RE.sub("", cleaned)
    markup = cleaned != text
    # Collected from the raw text, so a link hidden in markup (an href, a markdown target) is reported too.
    links = list(dict.fromkeys(m.group(0).rstrip(".,;:!?") for m in LINK_RE.finditer(text)))
    if links:
        cleaned = LINK_RE.sub(" ", cleaned)
    if links or markup:
        cleaned = re.sub(r"[ \t]{2,}", " ", cleaned)
        cleaned = re.sub(r"\s+([.,;:!?])", r"\1", cleaned)
        cleaned = re.sub(r"\(\s*\)|\[\s*\]", "", cleaned)
        cleaned = re.sub(r"[:\-–—(\[]\s*$", "", cleaned.strip()).strip()
    return cleaned, links, markup


def _label(field_name: str, index: int | None) -> str:
    names = {
        "subject_lines": "subject line",
        "preheader": "preheader",
        "headline": "headline",
        "paragraphs": "paragraph",
        "cta_text": "button text",
        "highlights": "highlight",
        "alt_texts": "image description",
    }
    name = names.get(field_name, field_name)
    return f"{name} {index + 1}" if index is not None else f"the {name}"


def _kind_of(token: str, text: str) -> str:
    for kind, pattern in (("price", MONEY_RE), ("date", DATE_RE), ("time", TIME_RE)):
        for m in pattern.finditer(text):
            if token in digit_groups(m.group(0)):
                return kind
    return "number"


def _phrase_around(token: str, text: str) -> str:
    for pattern in (MONEY_RE, DATE_RE, TIME_RE):
        for m in pattern.finditer(text):
            if token in digit_groups(m.group(0)):
                return m.group(0)
    found = re.search(rf"[$£€]?{token}[\d,.]*[\w%+]*", _THOUSANDS_RE.sub("", text))
    return found.group(0) if found else token


class _Guard:
    def __init__(self, brief: CopyBrief):
        words = advertiser_words(brief)
        self.allowed_digits = digit_groups(words)
        self.allowed_names = _calendar_names(words)
        self.warnings: list[dict[str, Any]] = []
        self.fact_warnings = 0
        self.seen: set[str] = set()

    def clean(self, text: str, field_name: str, index: int | None = None) -> str:
        cleaned, links, markup = strip_links_and_markup(text)
        where = _label(field_name, index)
        for link in links:
            shown = link if len(link) <= 60 else link[:57] + "…"
            self.warnings.append(
                warning(
                    "link_removed",
                    "warning",
                    f'The address "{shown}" was removed from {where}: the only link in the email is '
                    "the button, which goes to your catalog link.",
                    field_name,
                )
            )
        if markup:
            self.warnings.append(
                warning("markup_removed", "info", f"Formatting code was removed from {where}.", field_name)
            )
        self.check(cleaned, field_name, index)
        return cleaned

    def check(self, text: str, field_name: str, index: int | None) -> None:
        where = _label(field_name, index)
        for token in sorted(digit_groups(text) - self.allowed_digits, key=lambda t: text.find(t)):
            self._flag(token, _kind_of(token, text), _phrase_around(token, text), where, field_name)
        for m in _NAMES_RE.finditer(text):
            name = m.group(1) or m.group(2)
            if name[:3].casefold() not in self.allowed_names:
                self._flag(name[:3].casefold(), "date", name, where, field_name)

    def _flag(self, key: str, kind: str, phrase: str, where: str, field_name: str) -> None:
        if key in self.seen or self.fact_warnings >= MAX_FACT_WARNINGS:
            return
        self.seen.add(key)
        self.fact_warnings += 1
        self.warnings.append(
            warning(
                f"unverified_{kind}",
                "warning",
                f'Check the {kind} "{phrase}" in {where}: it is not in your text, so it may be wrong.',
                field_name,
            )
        )


def guard_copy(draft: CopyDraft, brief: CopyBrief, fallback: Callable[[], CopyDraft]) -> GuardResult:
    """The draft without links or markup, plus a warning for each removal and each unverified fact.

    `fallback` gives the offline copy, used for any field that cleaning left empty.
    """
    guard = _Guard(brief)
    spare: list[CopyDraft] = []

    def offline() -> CopyDraft:
        if not spare:
            spare.append(fallback())
        return spare[0]

    subjects: list[str] = []
    for i, line in enumerate(draft.subject_lines):
        cleaned = guard.clean(line, "subject_lines", i)
        if not cleaned or cleaned.casefold() in {s.casefold() for s in subjects}:
            cleaned = next(
                (s for s in offline().subject_lines if s.casefold() not in {x.casefold() for x in subjects}),
                f"{brief.campaign_name} ({i + 1})"[:60],
            )
        subjects.append(cleaned)
    paragraphs = [c for i, p in enumerate(draft.paragraphs) if (c := guard.clean(p, "paragraphs", i))]
    highlights = []
    for i, h in enumerate(draft.highlights):
        label, value = guard.clean(h.label, "highlights", i), guard.clean(h.value, "highlights", i)
        if label and value:
            highlights.append(Highlight(label=label, value=value))
    alts = {}
    for key, alt in draft.alt_texts.items():
        cleaned_alt, _, _ = strip_links_and_markup(alt)  # alt text is an attribute, never a link
        alts[key] = cleaned_alt or offline().alt_texts.get(key, "")
    result = CopyDraft(
        subject_lines=subjects,
        preheader=guard.clean(draft.preheader, "preheader") or offline().preheader,
        headline=guard.clean(draft.headline, "headline") or offline().headline,
        paragraphs=paragraphs or offline().paragraphs,
        cta_text=guard.clean(draft.cta_text, "cta_text") or offline().cta_text,
        alt_texts=alts,
        highlights=highlights,
    )
    return GuardResult(draft=result, warnings=guard.warnings)


# --- The final email: every date, time, amount, phone, e-mail and URL it shows must be a known fact. ---

_MONTH_NUMBERS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for name in names
}
_MONTH_WORD = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
_OUT_DATE_RE = re.compile(
    rf"\b(?:({_MONTH_WORD})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b"
    rf"|(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_WORD})\b\.?"
    r"|(\d{1,2})/(\d{1,2})(?:/\d{2,4})?\b|\d{4}-(\d{2})-(\d{2})\b)",
    re.IGNORECASE,
)
_OUT_TIME_RE = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?|\b(noon|midnight)\b", re.IGNORECASE)
_OUT_AMOUNT_RE = re.compile(r"[$£€]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:k|m|million)\b)?|\b\d+(?:\.\d+)?\s?%", re.IGNORECASE)
_OUT_PHONE_RE = re.compile(
    r"(?<![\w/.-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)|\d{2,5})[\s.-]\d{3,4}[\s.-]?\d{3,4}(?![\w/-])"
)
_OUT_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_OUT_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)


def _date_key(m: re.Match[str]) -> str | None:
    month_word, day, day_first, month_after, num_m, num_d, iso_m, iso_d = m.groups()
    if month_word:
        month, dd = _MONTH_NUMBERS[month_word.casefold()], int(day)
    elif month_after:
        month, dd = _MONTH_NUMBERS[month_after.casefold()], int(day_first)
    elif num_m:
        month, dd = int(num_m), int(num_d)
    else:
        month, dd = int(iso_m), int(iso_d)
    return f"{month}-{dd}" if 1 <= month <= 12 and 1 <= dd <= 31 else None


def _time_key(m: re.Match[str]) -> str:
    hour, minute, half, word = m.groups()
    if word:
        return "12:00" if word.casefold() == "noon" else "0:00"
    return f"{int(hour) % 12 + (12 if half.casefold() == 'p' else 0)}:{minute or '00'}"


def _amount_key(token: str) -> str:
    number = re.sub(r"[^\d.]", "", token).rstrip(".")
    number = number[:-3] if number.endswith(".00") else number
    unit = re.sub(r"[\d\s,.]", "", token).casefold()
    return f"{unit}{number}"


def _phone_key(token: str) -> str:
    return re.sub(r"\D", "", token)[-9:]


def url_key(url: str) -> str:
    """A web address compared without its scheme, www., trailing slash or UTM tags."""
    url = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.strip().rstrip(".,;:!?)"), flags=re.IGNORECASE)
    host, _, rest = url.partition("/")
    path, _, query = rest.partition("?")
    params = "&".join(p for p in query.split("&") if p and not p.casefold().startswith("utm_"))
    return f"{host.casefold()}/{path.rstrip('/')}" + (f"?{params}" if params else "")


def _facts_in(text: str) -> list[tuple[str, str, str]]:
    """(kind, as shown, comparison key) of every date, time, amount, phone, e-mail and URL in a text."""
    found: list[tuple[str, str, str]] = []
    emails = list(_OUT_EMAIL_RE.finditer(text))
    found += [("e-mail address", m.group(0), m.group(0).casefold()) for m in emails]
    urls = [m for m in _OUT_URL_RE.finditer(text) if not any(e.start() <= m.start() < e.end() for e in emails)]
    found += [("web address", m.group(0).rstrip(".,;:!?"), url_key(m.group(0))) for m in urls]
    # Dates, phones and amounts inside a web or e-mail address are part of it, not facts of their own.
    masked = text
    for m in [*emails, *urls]:
        masked = masked[: m.start()] + " " * (m.end() - m.start()) + masked[m.end() :]
    phones = list(_OUT_PHONE_RE.finditer(masked))
    found += [("phone number", m.group(0), _phone_key(m.group(0))) for m in phones if len(_phone_key(m.group(0))) >= 7]
    for m in phones:
        masked = masked[: m.start()] + " " * (m.end() - m.start()) + masked[m.end() :]
    found += [("amount", m.group(0), _amount_key(m.group(0))) for m in _OUT_AMOUNT_RE.finditer(masked)]
    found += [("date", m.group(0), key) for m in _OUT_DATE_RE.finditer(masked) if (key := _date_key(m))]
    for m in _OUT_TIME_RE.finditer(masked):
        shown = m.group(0) if re.search(r"\.m\.$", m.group(0), re.I) else m.group(0).rstrip(".")  # "8 PM." is "8 PM"
        found.append(("time", shown, _time_key(m)))
    return found


def known_fact_keys(*texts: str) -> set[tuple[str, str]]:
    """(kind, key) of every fact in the sources the email may state: the record, the advertiser's words,
    our own links (button, footer, unsubscribe)."""
    return {(kind, key) for text in texts for kind, _, key in _facts_in(text)}


def invented_facts(
    shown: list[str], known: set[tuple[str, str]], limit: int = MAX_FACT_WARNINGS
) -> list[dict[str, Any]]:
    """A proof warning for each date, time, amount, phone, e-mail or URL the final email shows (its HTML text,
    its links and its plain text, in `shown`) that no known source states."""
    warnings: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for text in shown:
        for kind, token, key in _facts_in(text):
            if (kind, key) in known or (kind, key) in seen:
                continue
            seen.add((kind, key))
            if len(warnings) < limit:
                warnings.append(
                    {
                        "code": "invented_fact",
                        "severity": "warning",
                        "message": f'The email shows the {kind} "{token[:80]}", which is not in your text or the '
                        "sale facts: check it before sending.",
                    }
                )
    return warnings
