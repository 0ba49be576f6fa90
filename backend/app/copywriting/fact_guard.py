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
