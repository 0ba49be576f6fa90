"""The offline writer: deterministic, no network, built only from the advertiser's facts.

It writes from the auction facts record: the headline and subject lines lead with what bidders come for (a
featured item, the date, the place), the wording follows the sale's format (a timed sale "closes", a live one
"begins"), and each of the four tones has its own voice in the headline, opening, closing and button. Spelling
is American unless the advertiser writes British English.
"""

import re
import time
from dataclasses import dataclass

from app.copywriting.facts import URL_RE, AuctionFacts, split_sentences
from app.copywriting.facts_parser import parse_facts
from app.copywriting.facts_record import AuctionFactsRecord, FeaturedItem, SaleEvent
from app.copywriting.schemas import (
    CTA_MAX,
    HEADLINE_MAX,
    PARAGRAPH_MAX,
    PREHEADER_MAX,
    SUBJECT_MAX,
    CopyBrief,
    CopyDraft,
    Highlight,
    WrittenCopy,
)

BODY_BUDGET = 1800  # characters of the advertiser's own sentences quoted in the body (the block has the rest)
_BRITISH_RE = re.compile(
    r"£|\b(?:colour|catalogue|favourite|licence|jewellery|centre|honour|organis(?:e|ed|ing)|cheque)s?\b"
    r"|\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b"  # a UK postcode
)
_US_TO_UK = {"catalog": "catalogue", "favorites": "favourites", "jewelry": "jewellery", "color": "colour"}
# A subject line never ends on a word or sign that promises more.
_DANGLING_RE = re.compile(r"(?:[&,:;(\-—–/+]|\b(?:of|and|or|the|a|an|at|in|on|for|with|to|from|by))\s*$", re.I)


def writes_british(text: str) -> bool:
    """True when the advertiser's text is British English (spelling, £, a UK postcode)."""
    return bool(_BRITISH_RE.search(text))


def fit(text: str, limit: int) -> str:
    """Shorten at a word boundary, with an ellipsis, when text is over the limit."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-—")
    return cut + "…"


_LINKISH_RE = re.compile(r"\bwww\.|@[\w-]+\.[a-z]{2,}|\b[\w-]+\.(?:com|net|org|biz|info|us)\b", re.I)
_BANGS_RE = re.compile(r"([!?])[!?]+")


def _calm(sentence: str) -> str:
    """Spam filters and readers dislike shouting: sentence-case an all-caps sentence, one "!" at most."""
    sentence = _BANGS_RE.sub(r"\1", sentence)
    letters = [c for c in sentence if c.isalpha()]
    if len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.7:
        lowered = sentence.lower()
        sentence = re.sub(r"(^|[.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), lowered)
    return sentence


def readable_sentences(facts: AuctionFacts) -> list[str]:
    """The advertiser's sentences fit for an email body: calmed down, and none that carry a web or
    e-mail address (the button is the email's one link)."""
    return [_calm(s) for s in facts.sentences if not URL_RE.search(s) and not _LINKISH_RE.search(s)]


def record_of(brief: CopyBrief) -> AuctionFactsRecord:
    """The brief's facts record, or one parsed from its text."""
    record = getattr(brief, "facts", None)
    if isinstance(record, AuctionFactsRecord):
        return record
    if isinstance(record, dict):
        return AuctionFactsRecord.model_validate(record)
    return parse_facts(
        brief.text_content,
        campaign_name=brief.campaign_name,
        advertiser_name=brief.advertiser_name,
        cta_url=brief.cta_url,
    )


# --- What the copy says, from the record. ---


@dataclass(frozen=True)
class _Sale:
    verb: str  # "closes" (timed) or "begins" (live); "" when the format is unknown
    when: str | None  # the key moment, as the advertiser wrote it
    date: str | None  # its date alone, for short lines
    item: str | None  # the featured item bidders come for
    place: str | None
    lots: str | None
    preview: str | None
    pickup: str | None
    british: bool


def _key_event(record: AuctionFactsRecord, timed: bool) -> SaleEvent | None:
    order = ("first_lot_closes", "sale_closes", "sale_starts") if timed else ("sale_starts", "bidding_opens")
    for role in (*order, "sale_closes", "bidding_opens", "other"):
        if found := next((e for e in record.events if e.role == role), None):
            return found
    return None


def _short_item(items: list[FeaturedItem]) -> str | None:
    for item in items:
        name = " ".join(item.name.split()).strip(" .,;:")
        if 3 <= len(name) <= 40 and name.count("(") == name.count(")"):
            return name
    return None


def _sale(brief: CopyBrief, record: AuctionFactsRecord) -> _Sale:
    closes = {"first_lot_closes", "sale_closes"} & {e.role for e in record.events}
    timed = record.sale_format == "online_timed" or (record.sale_format == "unknown" and bool(closes))
    live = record.sale_format in ("live", "live_webcast", "hybrid") or (
        record.sale_format == "unknown" and any(e.role == "sale_starts" for e in record.events)
    )
    event = _key_event(record, timed)
    if event is not None and event.role in ("first_lot_closes", "sale_closes"):
        verb = "closes"
    elif event is not None and event.role in ("sale_starts", "bidding_opens"):
        verb = "begins" if event.role == "sale_starts" else "opens"
    else:
        verb = "closes" if timed else "begins" if live else ""
    place = record.venue if record.venue and len(record.venue) <= 45 else None
    preview = next((e.text for e in record.events if e.role == "preview"), None)
    pickup = next((e.text for e in record.events if e.role == "pickup"), None)
    return _Sale(
        verb=verb,
        when=event.text if event else None,
        date=(event.date or (event.text if len(event.text) <= 30 else None)) if event else None,
        item=_short_item(record.featured_items),
        place=place,
        # "Over 350 lots" reads "over 350 lots" mid-sentence; a name stays capitalised.
        lots=re.sub(
            r"^(Over|More|Approximately|Approx\.|Nearly|About|Some|Around)\b",
            lambda m: m.group(1).lower(),
            record.lot_count,
        )
        if record.lot_count
        else None,
        preview=preview,
        pickup=pickup,
        british=writes_british(brief.text_content),
    )


def _spell(text: str, british: bool) -> str:
    if not british:
        return text
    return re.sub(r"\b(" + "|".join(_US_TO_UK) + r")\b", lambda m: _US_TO_UK[m.group(1)], text)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _moment(s: _Sale) -> str:
    """'bidding closes Sunday, March 8 at 7 PM' / 'the sale begins ...' / 'Saturday, ...'."""
    if not s.when:
        return ""
    if s.verb == "closes":
        return f"bidding closes {s.when}"
    if s.verb == "opens":
        return f"bidding opens {s.when}"
    if s.verb == "begins":
        return f"the sale begins {s.when}"
    return s.when


def _what(s: _Sale) -> str | None:
    if s.item and s.lots:
        return f"{s.item} and {s.lots}"
    return s.item or s.lots


def _headline(brief: CopyBrief, s: _Sale) -> str:
    what, when, place = _what(s), s.date, s.place
    tone = brief.tone
    candidates: list[str] = []
    if tone == "friendly":
        if what:
            candidates += [f"Come bid on {what}" + (f", {when}!" if when else "!"), f"Come bid on {what}!"]
        if place:
            candidates.append(f"Join us at {place}" + (f", {when}!" if when else "!"))
        candidates.append(f"Come bid with {brief.advertiser_name}!")
    elif tone == "urgent":
        verb = {"closes": "Bidding closes", "opens": "Bidding opens", "begins": "Sale begins"}.get(s.verb, "Coming up")
        if when and what:
            candidates.append(f"{verb} {when}: {what}")
        if when:
            candidates.append(f"{verb} {when}: don't miss it")
        if what:
            candidates.append(f"Don't miss {what}")
        candidates.append(f"Don't miss this sale from {brief.advertiser_name}")
    elif tone == "luxury":
        if what:
            candidates += [f"Presenting {what}" + (f", {when}" if when else ""), f"Presenting {what}"]
        if place:
            candidates.append(f"An evening of fine lots at {place}")
        candidates.append(f"{brief.advertiser_name} presents a distinguished sale")
    else:
        if what and when:
            candidates.append(f"{_cap(what)} at auction, {when}")
        if what and place:
            candidates.append(f"{_cap(what)} at auction in {place}")
        if what:
            candidates.append(f"{_cap(what)} at auction")
        if when:
            candidates.append(f"At auction {when}" + (f" at {place}" if place else ""))
        candidates.append(f"{brief.advertiser_name} presents {public_name(brief.campaign_name)}")
    name = brief.campaign_name.casefold().strip()
    for c in candidates:
        if len(c) <= HEADLINE_MAX and c.casefold().strip(" !") != name:
            return c
    return fit(f"{brief.advertiser_name}: {brief.campaign_name}", HEADLINE_MAX)


def _subject_ok(line: str) -> bool:
    return 0 < len(line) <= SUBJECT_MAX and not _DANGLING_RE.search(line) and line.count("(") == line.count(")")


def _subject_lines(brief: CopyBrief, s: _Sale) -> list[str]:
    """Three lines, each from its own angle (what, when, where), in the tone's voice; never cut."""
    tone, item, date, place, lots = brief.tone, s.item, s.date, s.place, s.lots
    name = public_name(brief.campaign_name)
    when_phrase = {"closes": "Bidding closes", "opens": "Bidding opens", "begins": "Sale begins"}.get(s.verb, "")
    by_angle: list[list[str]] = [[], [], []]
    if item:
        by_angle[0] += {
            "friendly": [f"Come bid on {item}", f"{_cap(item)}, up for bid"],
            "urgent": [f"Last chance to bid on {item}", f"Don't miss {item}"],
            "luxury": [f"Presenting {item}", f"{_cap(item)}, offered at auction"],
        }.get(tone, [f"{_cap(item)} and more at auction", f"{_cap(item)} at auction"])
    if lots:
        by_angle[0].append(f"{_cap(lots)} up for bid")
    if date:
        by_angle[1] += {
            "friendly": [f"Save the date: {date}", f"See you {date}?"],
            "urgent": [f"{when_phrase} {date}: bid now" if when_phrase else f"{date}: bid now", f"Hurry: {date}"],
            "luxury": [f"An invitation for {date}", f"{date}: an auction to remember"],
        }.get(tone, [f"{when_phrase} {date}" if when_phrase else f"At auction {date}", f"Mark {date}"])
    if place:
        by_angle[2] += {
            "friendly": [f"Join us at {place}", f"Auction day at {place}"],
            "urgent": [f"{place}: lots going fast", f"Act now: auction at {place}"],
            "luxury": [f"An auction at {place}", f"{place} presents fine lots"],
        }.get(tone, [f"Auction at {place}", f"Live at {place}"])
    if lots and not item:
        by_angle[2].append(f"{_cap(lots)} to browse and bid on")
    fallbacks = {
        "friendly": [f"{brief.advertiser_name} invites you to bid", "Come find your next treasure"],
        "urgent": [f"Last chance to bid: {name}", f"Bid now with {brief.advertiser_name}"],
        "luxury": [f"An invitation from {brief.advertiser_name}", "A private look at the collection"],
    }.get(tone, [f"{brief.advertiser_name} invites you to bid", f"Now open for bidding: {name}"])
    fallbacks += [f"Bid on {name}", f"{name}: the catalog", "Your invitation to bid"]
    out: list[str] = []

    def take(candidates: list[str]) -> None:
        for c in candidates:
            line = _spell(" ".join(c.split()), s.british)
            if _subject_ok(line) and line.casefold() not in {o.casefold() for o in out}:
                out.append(line)
                return

    for angle in by_angle:
        take(angle)
    for extra in fallbacks:
        if len(out) == 3:
            break
        take([extra])
    n = 1
    while len(out) < 3:  # names too long for every line: still three distinct, whole lines
        take([f"Auction news, part {n}"])
        n += 1
    return out[:3]


def _preheader(brief: CopyBrief, s: _Sale, facts: AuctionFacts) -> str:
    parts = [p for p in (s.when, s.place, s.lots) if p]
    line = ""
    for part in parts:  # whole pieces only: a moment or a place is never cut
        candidate = f"{line} · {part}" if line else part
        if len(candidate) <= PREHEADER_MAX:
            line = candidate
    if line:
        return line
    preheader = ""
    for sentence in readable_sentences(facts):  # a too-short opener gets its next sentence as company
        candidate = f"{preheader} {sentence}".strip()
        if preheader and len(candidate) > PREHEADER_MAX:
            break
        preheader = candidate
        if len(preheader) >= 40:
            break
    return fit(preheader or f"{brief.advertiser_name} presents {public_name(brief.campaign_name)}", PREHEADER_MAX)


def public_name(campaign_name: str) -> str:
    """The campaign's name as readers see it: an internal note in brackets at its end left off."""
    return re.sub(r"\s*[(\[][^()\[\]]*[)\]]\s*$", "", campaign_name).strip() or campaign_name


def _sentence(text: str) -> str:
    return text.rstrip(" .") + "."


def _opening(brief: CopyBrief, s: _Sale) -> str:
    who = brief.advertiser_name
    name = public_name(brief.campaign_name)
    name = name[4:] if name.casefold().startswith("the ") else name
    # When the advertiser's first lines already give the moment, the opening does not repeat it.
    first_lines = " ".join(split_sentences(brief.text_content)[:2])
    moment = "" if s.when and s.when in first_lines else _moment(s)
    at = f" at {s.place}" if s.place else ""
    if brief.tone == "friendly":
        return f"We'd love to see you at the {name}{at}!" + (
            f" Mark your calendar: {_sentence(moment)}" if moment else ""
        )
    if brief.tone == "urgent":
        return f"Don't wait: {_sentence(moment)}" if moment else f"Don't wait: the {name} is coming up fast."
    if brief.tone == "luxury":
        return f"{who} is delighted to present the {name}{at}." + (f" {_sentence(_cap(moment))}" if moment else "")
    return f"{who} presents the {name}{at}." + (f" {_sentence(_cap(moment))}" if moment else "")


def _closing(brief: CopyBrief, s: _Sale) -> str:
    before = {
        "closes": "before bidding closes",
        "opens": "before bidding opens",
        "begins": "before the sale begins",
    }.get(s.verb, "before the sale")
    closing = {
        "friendly": "Take a look around, pick your favorites and join in the bidding.",
        "urgent": f"Don't miss out: register now and be ready {before}.",
        "luxury": "We invite you to preview the collection and register to bid at your leisure.",
    }.get(brief.tone, f"Browse every lot in the catalog and register to bid {before}.")
    visits = []
    if s.preview:
        visits.append(_sentence(f"Preview: {s.preview}"))
    if s.pickup:
        visits.append(_sentence(f"Pickup: {s.pickup}"))
    return _spell(" ".join([*visits, closing]), s.british)


def _paragraphs(brief: CopyBrief, s: _Sale, facts: AuctionFacts) -> list[str]:
    """The tone's opening, as much of the advertiser's text as reads well, and the tone's closing."""
    opening, closing = _opening(brief, s), _closing(brief, s)
    sentences = [fit(x, PARAGRAPH_MAX - len(closing) - 1) for x in readable_sentences(facts)]
    budget = BODY_BUDGET
    paragraphs = [opening]
    for sentence in sentences:
        if budget - len(sentence) < 0:
            break
        # The third paragraph keeps room for the closing.
        room = PARAGRAPH_MAX - (len(closing) + 1 if len(paragraphs) == 3 else 0)
        if len(paragraphs[-1]) + len(sentence) + 1 <= room:
            paragraphs[-1] = f"{paragraphs[-1]} {sentence}"
        elif len(paragraphs) < 3:
            paragraphs.append(sentence)
        else:
            break
        budget -= len(sentence)
    if len(paragraphs) < 3:
        paragraphs.append(closing)
    else:
        paragraphs[-1] = f"{paragraphs[-1]} {closing}"
    return paragraphs


def _highlights(record: AuctionFactsRecord, s: _Sale) -> list[Highlight]:
    out: list[Highlight] = []
    labels = {
        "sale_starts": "Sale begins",
        "bidding_opens": "Bidding opens",
        "first_lot_closes": "First lots close",
        "sale_closes": "Bidding closes",
        "preview": "Preview",
        "pickup": "Pickup",
        "other": "Date",
    }
    for event in record.events:
        if len(out) < 3 and len(event.text) <= 120 and labels[event.role] not in {h.label for h in out}:
            out.append(Highlight(label=labels[event.role], value=event.text))
    place = record.venue or record.street_address
    if place and len(place) <= 120:
        out.append(Highlight(label="Location", value=place))
    if record.lot_count and len(record.lot_count) <= 120:
        out.append(Highlight(label="Lots", value=record.lot_count))
    bidding = {
        "online_timed": "Online",
        "live": "In person",
        "live_webcast": "Online and in person",
        "hybrid": "Online and in person",
    }.get(record.sale_format)
    if bidding:
        out.append(Highlight(label="Bidding", value=bidding))
    return out[:5]


_CTA_BY_TONE = {
    "professional": "View the catalog",
    "friendly": "Take a look",
    "urgent": "Bid now",
    "luxury": "Preview the collection",
}


def _alt_texts(brief: CopyBrief, s: _Sale) -> dict[str, str]:
    alts = {}
    for image in brief.images:
        if image.role == "logo":
            alts[str(image.asset_id)] = f"{brief.advertiser_name} logo"
        else:
            alts[str(image.asset_id)] = fit(f"{brief.campaign_name}: featured photo {image.position + 1}", 150)
    return alts


def compose_offline_copy(brief: CopyBrief, record: AuctionFactsRecord | None = None) -> CopyDraft:
    """Copy built only from the brief's own words and its facts record (parsed from the text when not given)."""
    record = record or record_of(brief)
    facts = AuctionFacts(sentences=split_sentences(brief.text_content))
    s = _sale(brief, record)
    cta = _CTA_BY_TONE.get(brief.tone, _CTA_BY_TONE["professional"])
    return CopyDraft(
        subject_lines=_subject_lines(brief, s),
        preheader=_preheader(brief, s, facts),
        headline=_headline(brief, s),
        paragraphs=_paragraphs(brief, s, facts),
        cta_text=fit(_spell(cta, s.british), CTA_MAX),
        alt_texts=_alt_texts(brief, s),
        highlights=_highlights(record, s),
    )


class OfflineWriter:
    """The default writer: no key, no network, same inputs give the same copy."""

    name = "offline"
    wants_images = False

    async def aclose(self) -> None:
        return None

    async def write(self, brief: CopyBrief, *, deadline: float | None = None) -> WrittenCopy:
        started = time.perf_counter()
        draft = compose_offline_copy(brief)
        return WrittenCopy(
            draft=draft,
            source="offline",
            latency_ms=int((time.perf_counter() - started) * 1000),
        )
