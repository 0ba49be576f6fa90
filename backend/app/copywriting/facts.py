"""Finds the facts an advertiser wrote (dates, times, place, lots, featured items).

The offline writer builds copy from these only, so it never invents anything.
"""

import re
from dataclasses import dataclass, field

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
DATE_RE = re.compile(
    rf"\b(?:(?:{_WEEKDAYS}),?\s+)?(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?(?:,?\s+\d{{4}})?"
    r"|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})\b"
)
TIME_RE = re.compile(
    r"\b\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?:\s*(?:[A-Z]{2,4}T|[ECMP]T))?(?!\w)|\bnoon\b",
    re.IGNORECASE,
)
LOTS_RE = re.compile(r"\b(\d{1,3}(?:,\d{3})*|\d+)\+?\s+(lots|items|pieces|vehicles|firearms|coins)\b", re.I)
PLACE_RE = re.compile(
    r"\b(?:at|in|located at|held at)\s+(?:the\s+)?"
    r"((?:\d+\s+)?[A-Z][\w'&.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'&.-]*){0,6}(?:,\s*[A-Z][A-Za-z]+)?(?:,\s*[A-Z]{2})?)"
)
FEATURE_RE = re.compile(
    r"\b(?:featuring|features|including|highlights include|highlighted by|offering)\s+([^.!?\n]+)", re.I
)
MONEY_RE = re.compile(r"\$\s?\d[\d,]*(?:\.\d{2})?(?:\s?(?:k|K|million|M))?")
URL_RE = re.compile(r"https?://[^\s<>\"']+")
NUMBER_RE = re.compile(r"\b\d[\d,.:/-]*\b")
_NOT_PLACES = re.compile(rf"^(?:{_MONTHS}|{_WEEKDAYS}|The|This|Our|All|Noon)\b")
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'])")


@dataclass
class AuctionFacts:
    dates: list[str] = field(default_factory=list)
    times: list[str] = field(default_factory=list)
    place: str | None = None
    lots: str | None = None
    featured: list[str] = field(default_factory=list)
    prices: list[str] = field(default_factory=list)
    online: bool = False
    in_person: bool = False
    sentences: list[str] = field(default_factory=list)


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = item.casefold()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def split_sentences(text: str) -> list[str]:
    text = re.sub(r"[ \t]+", " ", text.strip())
    sentences = []
    for block in re.split(r"\n\s*\n|\n", text):
        sentences += [s.strip() for s in _SENTENCE_RE.split(block) if s.strip()]
    return sentences


def _split_items(phrase: str) -> list[str]:
    phrase = re.split(r"\b(?:and more|& more|among others|etc)\b", phrase, flags=re.I)[0]
    parts = re.split(r",\s*|\s+and\s+|\s*;\s*", phrase)
    items = [p.strip(" .:-") for p in parts]
    return [i for i in items if 2 < len(i) <= 60 and len(i.split()) <= 8]


def extract_facts(text: str) -> AuctionFacts:
    """Pull the advertiser's own facts out of free text."""
    facts = AuctionFacts(sentences=split_sentences(text))
    facts.dates = _unique([m.group(0).strip() for m in DATE_RE.finditer(text)])
    facts.times = _unique([m.group(0).strip() for m in TIME_RE.finditer(text)])
    if lots := LOTS_RE.search(text):
        facts.lots = f"{lots.group(1)} {lots.group(2).lower()}"
    for m in PLACE_RE.finditer(text):
        candidate = m.group(1).strip(" .,")
        if not _NOT_PLACES.match(candidate) and not TIME_RE.fullmatch(candidate):
            facts.place = candidate
            break
    for m in FEATURE_RE.finditer(text):
        facts.featured += _split_items(m.group(1))
    facts.featured = _unique(facts.featured)[:5]
    facts.prices = _unique(MONEY_RE.findall(text))
    facts.online = bool(re.search(r"\bonline\b|\bbid (?:live )?online\b|\btimed\b", text, re.I))
    facts.in_person = bool(re.search(r"\bin[- ]person\b|\bon[- ]site\b|\bat the (?:sale|auction) site\b", text, re.I))
    return facts


def numbers_in(text: str) -> set[str]:
    """Every number-like token (prices, dates, counts) in a text, normalised for comparison."""
    return {n.strip(".,:-/").replace(",", "") for n in NUMBER_RE.findall(text) if n.strip(".,:-/")}
