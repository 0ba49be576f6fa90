"""Reads an auction announcement into an AuctionFactsRecord, keeping every value as the advertiser wrote it.

Regular expressions find the candidates (they are fast and keep the exact wording); well-kept parsers
check or bound them where they do better: phonenumbers finds and validates phone numbers (US and UK
formats), usaddress decides where a US street address without a ZIP code ends, python-dateutil checks
a written date is a real one and gives its ISO form. Sentences that hold no fact go to `unplaced`.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

import phonenumbers
import usaddress
from dateutil import parser as date_parser

from app.copywriting.facts_record import (
    AuctionFactsRecord,
    EventRole,
    FeaturedItem,
    SaleContact,
    SaleEvent,
    SaleFormat,
    SaleTerms,
)

# --- dates and times ----------------------------------------------------------------------------------
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_WEEKDAY_FULL = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WEEKDAY = rf"(?:{_WEEKDAY_FULL}|Mon|Tues|Tue|Wed|Thurs|Thu|Fri|Sat|Sun)\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DASH = r"\s*(?:-|–|—|&|and|to)\s*"
_YEAR = r"(?:,?\s+(?:20|19)\d{2})"
DATE_RE = re.compile(
    rf"\b(?:{_WEEKDAY},?\s+(?:the\s+)?)?"
    rf"(?:{_MONTH}\s+{_DAY}(?:{_DASH}{_DAY}(?![:.]?\d|\s*[ap]\.?m\b))?(?!\s*[ap]\.?m\b){_YEAR}?"
    rf"|{_DAY}(?:{_DASH}{_DAY})?\s+(?:of\s+)?{_MONTH}{_YEAR}?"
    r"|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})"
    r"|\d{4}-\d{2}-\d{2}"
    rf"|{_WEEKDAY_FULL})\b\.?",
    re.IGNORECASE,
)
_CLOCK = (
    r"(?:\d{1,2}(?:[:.]\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)"
    r"|\d{1,2}:\d{2}(?!\s*scale)\b(?!:)"
    r"|(?:12\s+)?noon\b|midnight\b)"
)
_ZONE = (
    r"(?:\s*\(?\b(?:[ECMP][SD]?T|AK[SD]T|HST|GMT|BST|UTC|CET|UK time|"
    r"(?:Eastern|Central|Mountain|Pacific)(?:\s+(?:Standard|Daylight))?(?:\s+Time)?)\b\)?)"
)
TIME_RE = re.compile(
    rf"(?P<start>{_CLOCK}|\d{{1,2}}(?::\d{{2}})?(?=\s*(?:-|–|—|to|until)\s*{_CLOCK}))"
    rf"(?:\s*(?:-|–|—|to|until|till|and)\s*(?P<end>{_CLOCK}))?(?P<zone>{_ZONE})?",
    re.IGNORECASE,
)
# Words between two dates that make them one span ("Friday, March 20 through Sunday, March 22").
_RANGE_GAP_RE = re.compile(r"^\s*(?:,?\s*(?:through|thru|until|till|to|and|&|-|–|—)\s*(?:on\s+)?)$", re.I)
_YEAR_RE = re.compile(r"\b(20\d{2})\b")

# Nearest keyword before a date wins; the patterns are tried on the words leading up to it.
_ROLE_PATTERNS: list[tuple[EventRole, re.Pattern[str]]] = [
    ("preview", re.compile(r"\b(?:preview\w*|inspect\w*|viewing|view days?|open house|on view|tours?)\b", re.I)),
    (
        "pickup",
        re.compile(r"\b(?:pick[- ]?up|picked up|removal|collection|collect(?:ed)?|load[- ]?out|remove[ds]?)\b", re.I),
    ),
    (
        "first_lot_closes",
        re.compile(
            r"\b(?:first lots? clos\w*|first lot|lots? (?:begin|start)s?(?: to)? clos\w*|soft[- ]clos\w*|staggered|"
            r"(?:begins?|starts?) (?:to )?clos\w*|closing begins|begin closing)\b",
            re.I,
        ),
    ),
    ("bidding_opens", re.compile(r"\b(?:bidding (?:opens?|begins?|starts?)|opens? for bidding|opens?)\b", re.I)),
    ("sale_closes", re.compile(r"\b(?:clos(?:e|es|ing)|ends?|ending|concludes?)\b", re.I)),
    (
        "sale_starts",
        re.compile(
            r"\b(?:begins?|starts?|starting|commenc\w*|gets? underway|sale time|auction time|kicks? off)\b",
            re.I,
        ),
    ),
]

# --- places, lots, items --------------------------------------------------------------------------------
_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|"
    "OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|Alabama|Alaska|Arizona|Arkansas|California|Colorado|"
    "Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|"
    "Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|"
    "New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|"
    "South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming"
)
_US_ZIP_RE = re.compile(rf"\b(?:{_US_STATES})\.?,?\s+\d{{5}}(?:-\d{{4}})?\b")
_UK_POSTCODE_RE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b")
_STREET_SUFFIX = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Highway|Hwy|Lane|Ln|Drive|Dr|Way|Pike|Court|Ct|Parkway|"
    r"Pkwy|Place|Pl|Circle|Cir|Trail|Trl|Terrace|Route|Rte|County Road|Turnpike|Square|Sq)\b\.?"
)
_HOUSE_STREET_RE = re.compile(rf"\b\d{{1,6}}[A-Z]?\s+(?:[NSEW]\.?\s+)?(?:[A-Z0-9][\w'.-]*\s+){{0,4}}{_STREET_SUFFIX}")
_ADDRESS_LABELS = {
    "AddressNumber",
    "AddressNumberPrefix",
    "AddressNumberSuffix",
    "StreetNamePreDirectional",
    "StreetNamePreModifier",
    "StreetNamePreType",
    "StreetName",
    "StreetNamePostType",
    "StreetNamePostDirectional",
    "StreetNamePostModifier",
    "OccupancyType",
    "OccupancyIdentifier",
    "PlaceName",
    "StateName",
    "ZipCode",
    "USPSBoxType",
    "USPSBoxID",
}
_ADDRESS_PART_RE = re.compile(
    r"^(?:(?:Unit|Suite|No\.?)\s+)?(?:\d+[A-Za-z]?\s+)?[A-Z][\w'.&-]*(?:\s+[A-Z0-9&][\w'.&-]*)*$"
)
_VENUE_RE = re.compile(
    r"\b(?:held at|located at|takes? place at|at|in)\s+(?:the\s+)?"
    r"((?:[A-Z][\w'&.-]*\s+){0,5}(?:Pavilion|Hall|Center|Centre|Fairgrounds?|Arena|Barn|Farm|Gallery|Hotel|"
    r"Rooms|Saleroom|Salerooms|Auction House|Showroom|Expo|Church|Club|Lodge|Building|Estate|Ranch|Inn|"
    r"Museum|Theatre|Theater|Park|Yard|Mart|Grounds|Complex|Facility|Warehouse|Market)\b)"
)
LOTS_RE = re.compile(
    r"\b(?:(?:over|more than|nearly|approximately|approx\.?|about|some|around|almost)\s+)?"
    r"(\d{1,3}(?:,\d{3})+|\d+)\+?\s*(?:-\s*)?(?:(?!and\b|or\b|of\b|the\b|to\b|in\b|with\b)[a-z-]+\s+)?(lots?)\b(?!\s+\d)",
    re.I,
)
_ITEMS_RE = re.compile(
    r"\b(?:(?:over|more than|nearly|approximately|about|some)\s+)?(\d{1,3}(?:,\d{3})+|\d{2,})\+?\s+(?:[a-z-]+\s+){0,3}?"
    r"(items|pieces|vehicles|firearms|guns|coins|tractors|cars|paintings|works|artworks|properties)\b",
    re.I,
)
_LOT_LINE_RE = re.compile(
    r"\bLot\s+(?:No\.?\s*|#\s*)?(\d{1,5}[A-Z]?)\s*(?::|–|—|-|\.|\))\s*(?P<name>[^;\n]+?)"
    r"(?=\s*(?:;|\n|$|\bLot\s+(?:No\.?\s*|#\s*)?\d)|\.\s+[A-Z]|\.$)",
    re.I,
)
_FEATURING_RE = re.compile(
    r"\b(?:featuring|features|including|highlights include|highlighted by|headlined by)\s+([^.!?\n;]+)", re.I
)

# --- money, terms, contacts, links ----------------------------------------------------------------------
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?"
_SCALE = r"(?:\s?(?:k|K|m|M|million|thousand|bn|billion)\b)?"
AMOUNT_RE = re.compile(
    rf"(?:US\$|C\$|A\$|[$£€])\s?(?:{_NUMBER}){_SCALE}"
    rf"(?:\s*(?:-|–|—|to)\s*(?:US\$|[$£€])?\s?(?:{_NUMBER}){_SCALE})?"
    rf"|\b(?:{_NUMBER})\s?(?:dollars|pounds|euros|USD|GBP|EUR)\b",
)
EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
URL_RE = re.compile(
    r"(?:https?://|www\.)[^\s<>\"')\]]+"
    r"|\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|net|org|info|biz|us|co\.uk|uk|auction|auctions|bid|"
    r"io|co)\b(?:/[^\s<>\"')\]]*)?",
    re.I,
)
_LICENCE_RE = re.compile(
    r"\b(?:[A-Z]{2}\s+)?(?:Auctioneer'?s?\s+)?(?:Lic(?:en[cs]e)?\.?|Licen[cs]e)\s*(?:No\.?|Number|#)?\s*[:#]?\s*"
    r"(#?[A-Z]{0,5}[-\s]?\d[\w.-]*\d|#?\d)",
)
_PREMIUM_RE = re.compile(r"\bbuyer'?s'?\s+premium\b|\bbuyer'?s'?\s+fee\b|\bBP\b", re.I)
_DEPOSIT_RE = re.compile(r"\bdeposit\b|\bdown payment\b|\bearnest money\b", re.I)
_TAX_RE = re.compile(r"\b(?:sales tax|VAT|tax(?:es)?|tax[- ]exempt|resale certificate)\b", re.I)
_TERMS_RE = re.compile(
    r"\b(?:as[- ]is|where[- ]is|all sales (?:are )?final|terms|titles?|must be paid|payment (?:is )?(?:due|in full)|"
    r"paid in full|ID required|photo ID|registration|register|FFL|background check|no reserve|reserve|"
    r"settlement|closing costs|possession|pay(?:ment)?)\b",
    re.I,
)
_PAYMENT_METHODS = [
    "cash",
    "check",
    "cheque",
    "cashier's check",
    "certified funds",
    "credit card",
    "credit cards",
    "debit card",
    "debit cards",
    "Visa",
    "Mastercard",
    "MasterCard",
    "American Express",
    "Amex",
    "Discover",
    "wire transfer",
    "bank transfer",
    "BACS",
    "PayPal",
    "ACH",
    "money order",
]
_PAYMENT_RE = re.compile(r"\b(" + "|".join(re.escape(m) for m in _PAYMENT_METHODS) + r")(?:s)?\b", re.I)

# --- format ----------------------------------------------------------------------------------------------
_WEBCAST_RE = re.compile(r"\b(?:webcast|simulcast|live[- ]stream\w*|bid live online|live online bidding)\b", re.I)
_TIMED_RE = re.compile(
    r"\b(?:online[- ]only|timed|soft[- ]close|staggered|lots? (?:begin|start)s? (?:to )?clos\w*|bidding closes)\b", re.I
)
_LIVE_RE = re.compile(
    r"\b(?:live auction|live sale|in[- ]person|on[- ]site|auctioneers? will|live,? public|in the room|salerooms?)\b",
    re.I,
)
_ONLINE_RE = re.compile(r"\b(?:online|absentee|phone bid\w*|internet bidding|live bidding via|the-saleroom)\b", re.I)
_BRITISH_RE = re.compile(r"£|\bVAT\b|\+44\b|\bcatalogue\b|\bcolour|\bcentre\b|\bsaleroom|\bpostcode\b", re.I)

# --- sentences -------------------------------------------------------------------------------------------
_ABBREVIATIONS = (
    r"(?:St|Rd|Ave|Blvd|Hwy|Dr|Ln|Ct|No|Nos|Mr|Mrs|Ms|Inc|Co|Ltd|Corp|approx|est|Est|Lic|Jan|Feb|Mar|Apr|Jun|Jul|"
    r"Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Tues|Wed|Thu|Thurs|Fri|Sat|Sun|Mt|Ft|vs|etc|Jr|Sr|U\.S|[A-Z])"
)
_LIMITS = {"text": 200, "date": 60, "time": 40, "timezone": 40}


@dataclass
class _Sentence:
    text: str
    start: int
    placed: bool = False


@dataclass
class _State:
    text: str
    british: bool
    years: list[str]
    sentences: list[_Sentence] = field(default_factory=list)


def _clip(value: str, limit: int) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1].rsplit(" ", 1)[0] + "…"


def _unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for v in values:
        key = " ".join(v.casefold().split())
        if v and key not in seen:
            seen.add(key)
            out.append(v)
    return out


_ABBREV_TAIL_RE = re.compile(rf"\b{_ABBREVIATIONS}\.$")
_ZONE_AHEAD_RE = re.compile(rf"{_ZONE}", re.I)


def split_sentences(text: str) -> list[_Sentence]:
    """Sentences with their offsets; a line is always a boundary, abbreviations ("St.", "a.m.") are not."""
    out: list[_Sentence] = []
    for line in re.finditer(r"[^\n]+", text):
        chunk, base, start = line.group(0), line.start(), 0
        for m in re.finditer(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(£$•*-])", chunk):
            if _ABBREV_TAIL_RE.search(chunk[start : m.start()]) or (
                re.search(r"\b[ap]\.m\.$", chunk[: m.start()], re.I) and _ZONE_AHEAD_RE.match(chunk, m.end())
            ):
                continue
            piece = chunk[start : m.start()]
            if piece.strip():
                out.append(_Sentence(piece.strip(), base + start))
            start = m.end()
        if chunk[start:].strip():
            out.append(_Sentence(chunk[start:].strip(), base + start))
    return out


# --- events ----------------------------------------------------------------------------------------------
def _iso(written: str, state: _State) -> str | None:
    """YYYY-MM-DD for a written date when its year is written or inferable (else None); dateutil checks it."""
    cleaned = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", written)
    cleaned = re.split(r"\s*(?:-|–|—|&|\band\b|\bto\b)\s*(?=\d)", cleaned)[0]  # a range's first day
    weekday = re.match(rf"\s*({_WEEKDAY})", cleaned, re.I)
    without_day = re.sub(rf"^\s*{_WEEKDAY},?\s*(?:the\s+)?", "", cleaned, flags=re.I).strip(" .,")
    if not without_day or not re.search(r"\d", without_day):
        return None
    has_year = bool(re.search(r"\b(?:19|20)\d{2}\b|/\d{2}$", without_day))
    # A year written elsewhere in the text is the best guess, but only a plausible sale year: "2003 Pleasant
    # Street" or a licence number is no year. Then this year and the next two, checked against the weekday.
    this_year = date.today().year
    written_years = [int(y) for y in state.years if this_year - 1 <= int(y) <= this_year + 3]
    later = [y for y in (this_year, this_year + 1, this_year + 2) if y not in written_years]
    candidates: list[int | None] = [None] if has_year else [*written_years, *later]
    for year in candidates:
        try:
            default = datetime(year or 2000, 1, 1)
            parsed = date_parser.parse(without_day, default=default, dayfirst=state.british).date()
        except (ValueError, OverflowError):
            return None
        if has_year or weekday is None:
            return parsed.isoformat()
        if parsed.strftime("%a").casefold() == weekday.group(1)[:3].casefold():
            return parsed.isoformat()
    return None


# Words that only say a sale happens: they give "sale_starts" when nothing more precise is near.
_WEAK_START_RE = re.compile(
    r"\b(?:sells?|selling|auction(?:eer)?s?|sale|held|takes? place|join us|continues?|simulcast|live)\b", re.I
)
_TIME_BEFORE_DATE_RE = re.compile(r"^\s*,?\s*(?:on\s+)?(?:the\s+)?$", re.I)


def _role(context: str, after: str, previous: EventRole | None = None) -> EventRole:
    """The role named nearest before the date; else the clause's previous one ("Monday ..., and Tuesday ...")."""
    best: tuple[int, EventRole] | None = None
    for role, pattern in _ROLE_PATTERNS:
        for m in pattern.finditer(context):
            if best is None or m.end() > best[0]:
                best = (m.end(), role)
    if best is not None:
        return best[1]
    if previous is not None:
        return previous
    for role, pattern in _ROLE_PATTERNS:
        if pattern.search(after):
            return role
    if _WEAK_START_RE.search(context) or _WEAK_START_RE.search(after):
        return "sale_starts"
    return "other"


def _events_in(sentence: str, state: _State) -> list[SaleEvent]:
    """Each date (with the times after it) is one event; times with no date make their own."""
    events: list[SaleEvent] = []
    previous: EventRole | None = None  # "Viewing: Saturday ...; Sunday ...": the role carries across clauses
    for clause in re.split(r";|\s+\|\s+|\s+[–—]\s+(?=[A-Z])", sentence):
        dates = list(DATE_RE.finditer(clause))
        # Merge "X through Y" into one span.
        spans: list[tuple[re.Match[str], re.Match[str] | None]] = []
        for m in dates:
            if spans and spans[-1][1] is None and _RANGE_GAP_RE.match(clause[spans[-1][0].end() : m.start()]):
                spans[-1] = (spans[-1][0], m)
                continue
            spans.append((m, None))
        times = list(TIME_RE.finditer(clause))
        used: set[int] = set()
        last_end = 0
        for i, (first, last) in enumerate(spans):
            span_end = (last or first).end()
            next_start = spans[i + 1][0].start() if i + 1 < len(spans) else len(clause)
            mine = [t for t in times if span_end <= t.start() < next_start]
            if i == 0:  # "at 7 PM on Sunday, March 8": a time before the first date belongs to it
                before = [t for t in times if t.end() <= first.start()]
                if before and _TIME_BEFORE_DATE_RE.match(clause[before[-1].end() : first.start()]):
                    mine = [before[-1], *mine]
            used |= {id(t) for t in mine}
            context = clause[last_end : first.start()]
            role = previous = _role(context, clause[span_end:next_start], previous)
            if role == "other" and _WEAK_START_RE.search(sentence):  # "Property Auction — Thursday 4 February"
                role = previous = "sale_starts"
            events += _make_events(clause, first, last, mine, role, state)
            last_end = span_end
        loose = [t for t in times if id(t) not in used]
        for t in loose:
            role = _role(clause[: t.start()], clause[t.end() :])
            events += _make_events(clause, None, None, [t], role, state)
    return events


def _make_events(
    clause: str,
    first: re.Match[str] | None,
    last: re.Match[str] | None,
    times: list[re.Match[str]],
    role: EventRole,
    state: _State,
) -> list[SaleEvent]:
    """One event per time (a date read "9 AM to 4 PM and 6 PM" gives two), or one for the date alone."""
    written_date = first.group(0).strip(" .,") if first else None
    end_date = last.group(0).strip(" .,") if last else None
    pieces = [first, last, *times]
    start = min(p.start() for p in pieces if p)
    end = max(p.end() for p in pieces if p)
    text = _clip(clause[start:end].strip(" ,"), _LIMITS["text"])
    iso = _iso(written_date, state) if written_date else None
    out = []
    for t in times or [None]:  # type: ignore[list-item]
        zone = t.group("zone").strip(" ()") if t is not None and t.group("zone") else None
        out.append(
            SaleEvent(
                role=role,
                text=text,
                date=_clip(written_date, 60) if written_date else None,
                time=_clip(t.group("start").strip(), 40) if t is not None else None,
                end_date=_clip(end_date, 60) if end_date else None,
                end_time=_clip(t.group("end").strip(), 40) if t is not None and t.group("end") else None,
                timezone=_clip(zone, 40) if zone else None,
                iso_date=iso,
            )
        )
    return out


# --- addresses -------------------------------------------------------------------------------------------
def _walk_back(prefix: str, need_number: bool) -> str | None:
    """The comma-separated address parts that end `prefix`, stopping at the first part that reads as prose."""
    parts = prefix.split(",")
    kept: list[str] = []
    for raw in reversed(parts):
        part = raw.strip()
        if not part:
            if kept:
                break
            continue
        if _ADDRESS_PART_RE.match(part) and not (need_number and re.search(r"\b(?:at|in)\s", part)):
            kept.insert(0, part)
            if need_number and re.match(r"\d", part):
                break
            if len(kept) >= 5:
                break
            continue
        # Prose then the address's first part: "Sale held at Hall Farm" → "Hall Farm"; "at 412 N. Main St." → number on.
        number = list(re.finditer(r"\b\d{1,6}[A-Z]?\s+(?:[NSEW]\.?\s+)?[A-Z0-9]", part))
        if number:
            kept.insert(0, part[number[-1].start() :])
        elif not need_number:
            tail = re.search(r"(?:^|\s)((?:[A-Z0-9][\w'.&-]*)(?:\s+(?:of\s+|the\s+)?[A-Z0-9&][\w'.&-]*)*)$", part)
            if tail and not re.match(rf"{_MONTH}|{_WEEKDAY}|The$", tail.group(1)):
                kept.insert(0, tail.group(1))
        break
    if need_number and not (kept and re.match(r"\d", kept[0])):
        return None
    return ", ".join(kept) if kept else None


def _street_address(sentences: list[_Sentence]) -> tuple[str | None, _Sentence | None]:
    for s in sentences:
        text = s.text
        for m in _US_ZIP_RE.finditer(text):
            head = _walk_back(text[: m.start()].rstrip(", "), need_number=True)
            if head:
                found = text[text.find(head) : m.end()] if head in text else f"{head}, {m.group(0)}"
                return found, s
        for m in _UK_POSTCODE_RE.finditer(text):
            head = _walk_back(text[: m.start()].rstrip(", "), need_number=False)
            if head:
                start = text.find(head)
                return (text[start : m.end()] if start >= 0 else f"{head} {m.group(0)}"), s
            return m.group(0), s
    for s in sentences:  # no ZIP or postcode: usaddress says where "1234 County Road 56, Ames, Iowa" ends
        street = _HOUSE_STREET_RE.search(s.text)
        if not street:
            continue
        window = s.text[street.start() : street.start() + 120]
        window = re.split(r"[.;!?](?:\s|$)(?<!St\.\s)|\s[–—(]\s?", window)[0] if "." not in street.group(0) else window
        try:
            tokens = usaddress.parse(window)
        except Exception:  # noqa: BLE001 - the tagger gave up: keep the street as the regex found it
            return street.group(0).strip(), s
        end = 0
        cursor = 0
        for token, label in tokens:
            at = window.find(token, cursor)
            if at < 0 or label not in _ADDRESS_LABELS:
                break
            cursor = end = at + len(token)
        found = window[: max(end, len(street.group(0)))].rstrip(" ,.") if end else street.group(0)
        if found.endswith(" St") or found.endswith(" Rd") or found.endswith(" Ave"):
            found += "." if window[len(found) : len(found) + 1] == "." else ""
        return found, s
    return None, None


# --- the record ------------------------------------------------------------------------------------------
def _sale_format(text: str, events: list[SaleEvent], has_place: bool) -> SaleFormat:
    webcast = bool(_WEBCAST_RE.search(text))
    timed = bool(_TIMED_RE.search(text)) or any(e.role in ("first_lot_closes", "sale_closes") for e in events)
    live = bool(_LIVE_RE.search(text)) or bool(re.search(r"\bauctioneer\b.*\bcall", text, re.I))
    online = bool(_ONLINE_RE.search(text))
    if webcast:
        return "live_webcast"
    starts = any(e.role == "sale_starts" and e.time for e in events)
    if timed and (live or (starts and has_place)):
        return "hybrid"
    if timed:
        return "online_timed"
    # A sale that starts at an hour at a place is held live, unless the text says it is timed.
    if live or (starts and has_place):
        return "hybrid" if online else "live"
    if starts and not online:
        return "live"
    return "unknown"


# Phone-shaped runs (ten or more digits with separators): the matcher only reads these, not every price.
_PHONE_CANDIDATE_RE = re.compile(
    r"(?:\+\d{1,3}[\s.-]?(?:\(0\)\s?)?|\b1[\s.-])?(?:\(\d{2,5}\)\s?|\b\d{2,5}[\s.-]?)(?:\d{2,4}[\s.-]?){1,3}\d{2,4}\b"
)


def _phones(text: str, british: bool) -> list[tuple[int, str]]:
    """Phone numbers as written: US and UK formats, each validated by phonenumbers."""
    found: dict[int, str] = {}
    regions = ("GB", "US") if british else ("US", "GB")
    for candidate in _PHONE_CANDIDATE_RE.finditer(text):
        if sum(c.isdigit() for c in candidate.group(0)) < 10:
            continue
        # Valid in either country; else merely possible in the text's own (new or fictional ranges).
        attempts = [(r, phonenumbers.Leniency.VALID) for r in regions] + [(regions[0], phonenumbers.Leniency.POSSIBLE)]
        for region, leniency in attempts:
            matches = list(phonenumbers.PhoneNumberMatcher(candidate.group(0), region, leniency=leniency))
            for match in matches:
                found[candidate.start() + match.start] = match.raw_string
            if matches:
                break
    return sorted(found.items())


def _featured(state: _State) -> list[FeaturedItem]:
    items: list[FeaturedItem] = []
    for s in state.sentences:
        for m in _LOT_LINE_RE.finditer(s.text):
            name = m.group("name").strip(" ,.")
            estimate = None
            est = re.search(
                rf"\(?\s*(?:est\.?|estimated?(?: at)?|estimate:?)\s*:?\s*({AMOUNT_RE.pattern})\s*\)?", name, re.I
            )
            if est:
                estimate = est.group(1)
                name = (name[: est.start()] + name[est.end() :]).strip(" ,.;-–—")
            if name:
                items.append(FeaturedItem(name=_clip(name, 200), lot_number=m.group(1), estimate=estimate))
                s.placed = True
    if not items:
        for s in state.sentences:
            for m in _FEATURING_RE.finditer(s.text):
                phrase = re.split(r"\b(?:and more|& more|among others|etc)\b", m.group(1), flags=re.I)[0]
                for part in re.split(r",\s*|\s+and\s+|\s*&\s+(?=[a-z0-9])", phrase):
                    part = part.strip(" .:-")
                    if 2 < len(part) <= 80 and len(part.split()) <= 10:
                        items.append(FeaturedItem(name=part))
                        s.placed = True
    return items


def _sentence_of(state: _State, pattern: re.Pattern[str]) -> str | None:
    for s in state.sentences:
        if pattern.search(s.text):
            s.placed = True
            return _clip(s.text, 200)
    return None


def parse_facts(
    text: str,
    *,
    campaign_name: str = "",
    advertiser_name: str = "",
    cta_url: str | None = None,
) -> AuctionFactsRecord:
    """Every fact of the announcement, each value as written; what holds no fact is kept in `unplaced`."""
    text = text.replace("\r\n", "\n")
    state = _State(
        text=text,
        british=bool(_BRITISH_RE.search(text) or _UK_POSTCODE_RE.search(text)),
        years=list(dict.fromkeys(_YEAR_RE.findall(text))),
        sentences=split_sentences(text),
    )
    events: list[SaleEvent] = []
    amounts: list[str] = []
    urls: list[str] = []
    emails: list[str] = []
    licences: list[str] = []
    for s in state.sentences:
        found_emails = EMAIL_RE.findall(s.text)
        masked = EMAIL_RE.sub(" ", s.text)
        found_urls = [u.rstrip(".,;:!?") for u in URL_RE.findall(masked)]
        # Links and addresses hide digits and words that would read as times or dates.
        plain = URL_RE.sub(" ", masked)
        new_events = _events_in(plain, state)
        found_amounts = AMOUNT_RE.findall(plain)
        found_licences = [m.group(0).strip(" .,") for m in _LICENCE_RE.finditer(plain)]
        if new_events or found_amounts or found_urls or found_emails or found_licences:
            s.placed = True
        events += new_events
        amounts += [a.strip() for a in found_amounts]
        urls += found_urls
        emails += found_emails
        licences += found_licences
    phones = [p for _, p in _phones(text, state.british)]
    for s in state.sentences:
        if any(p in s.text for p in phones):
            s.placed = True

    if campaign_name:  # a date only the campaign name gives is a fact of the sale too
        known = {e.date.casefold() for e in events if e.date}
        for event in _events_in(campaign_name, state):
            if event.date and event.date.casefold() not in known:
                events.append(event)
    if cta_url and cta_url not in urls:
        urls.insert(0, cta_url)

    address, address_sentence = _street_address(state.sentences)
    if address_sentence:
        address_sentence.placed = True
    venue = None
    for s in state.sentences:
        if m := _VENUE_RE.search(s.text):
            venue = _clip(m.group(1), 200)
            s.placed = True
            break
    lot_count = None
    for pattern in (LOTS_RE, _ITEMS_RE):
        for s in state.sentences:
            if m := pattern.search(s.text):
                lot_count = _clip(m.group(0), 60)
                s.placed = True
                break
        if lot_count:
            break

    featured = _featured(state)
    terms = SaleTerms(
        buyers_premium=_sentence_of(state, _PREMIUM_RE),
        deposit=_sentence_of(state, _DEPOSIT_RE),
        tax=_sentence_of(state, _TAX_RE),
        payment_methods=_unique([m.group(1) for m in _PAYMENT_RE.finditer(text)]),
    )
    for s in state.sentences:
        if _PAYMENT_RE.search(s.text) and re.search(r"\b(?:accept|pay|payment|paid)\w*", s.text, re.I):
            s.placed = True
    for s in state.sentences:
        if not s.placed and _TERMS_RE.search(s.text):
            terms.other.append(s.text)
            s.placed = True
    contact = SaleContact(
        phones=_unique(phones),
        emails=_unique(emails),
        licences=_unique(licences),
        names=[advertiser_name] if advertiser_name else [],
    )
    return AuctionFactsRecord(
        sale_format=_sale_format(text, events, bool(address or venue)),
        events=events,
        venue=venue,
        street_address=_clip(address, 300) if address else None,
        lot_count=lot_count,
        featured_items=featured,
        amounts=_unique(amounts),
        terms=terms,
        contact=contact,
        urls=_unique(urls),
        unplaced=[s.text for s in state.sentences if not s.placed],
    )
