"""The offline writer: deterministic, no network, built only from the advertiser's facts."""

import re
import time

from app.copywriting.facts import URL_RE, AuctionFacts, extract_facts
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

_CTA_BY_TONE = {
    "professional": "View the catalog",
    "friendly": "Take a look",
    "urgent": "Bid now",
    "luxury": "Preview the collection",
}
_CLOSING_BY_TONE = {
    "professional": "Browse every lot and register to bid before the sale begins.",
    "friendly": "Take a look around, pick your favourites and join in the bidding.",
    "urgent": "Don't miss out: register now so you're ready when bidding opens.",
    "luxury": "We invite you to preview the collection and register to bid.",
}


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


def _when(facts: AuctionFacts) -> str | None:
    if not facts.dates:
        return None
    return f"{facts.dates[0]} at {facts.times[0]}" if facts.times else facts.dates[0]


def _subject_lines(brief: CopyBrief, facts: AuctionFacts) -> list[str]:
    name = brief.campaign_name
    candidates: list[str] = []
    if facts.dates:
        candidates.append(f"{name} — {facts.dates[0]}")
    else:
        candidates.append(name)
    # A strong tone leads with its own voice; otherwise the sale's facts come first.
    if brief.tone == "urgent":
        candidates.append(f"Last chance to bid: {name}")
    elif brief.tone == "luxury":
        candidates.append(f"An invitation from {brief.advertiser_name}")
    if facts.featured:
        candidates.append("Featuring " + " & ".join(facts.featured[:2]))
    if facts.lots:
        candidates.append(f"{facts.lots[0].upper()}{facts.lots[1:]} up for bid: {name}")
    candidates.append(f"{brief.advertiser_name} invites you to bid")
    if facts.place:
        candidates.append(f"{name} in {facts.place}")
    candidates += [f"Now open for bidding: {name}", f"Don't miss {name}", f"Bid on {name}"]

    out: list[str] = []
    for c in candidates:
        line = fit(c, SUBJECT_MAX)
        if line.casefold() not in {o.casefold() for o in out}:
            out.append(line)
        if len(out) == 3:
            break
    return out


def _preheader(brief: CopyBrief, facts: AuctionFacts) -> str:
    parts = []
    if when := _when(facts):
        parts.append(when)
    if facts.place:
        parts.append(facts.place)
    if facts.lots:
        parts.append(facts.lots)
    if parts:
        return fit(" · ".join(parts), PREHEADER_MAX)
    preheader = ""
    for sentence in readable_sentences(facts):  # a too-short opener gets its next sentence as company
        candidate = f"{preheader} {sentence}".strip()
        if preheader and len(candidate) > PREHEADER_MAX:
            break
        preheader = candidate
        if len(preheader) >= 40:
            break
    return fit(preheader or f"{brief.advertiser_name} presents {brief.campaign_name}", PREHEADER_MAX)


def _paragraphs(brief: CopyBrief, facts: AuctionFacts) -> list[str]:
    paragraphs: list[str] = []
    current = ""
    budget = 1200  # an email body people actually read
    sentences = readable_sentences(facts)
    if not sentences:  # nothing to quote: at least say who invites to what
        sentences = [f"You're invited: {brief.campaign_name}, presented by {brief.advertiser_name}."]
    for sentence in sentences:
        sentence = fit(sentence, PARAGRAPH_MAX)
        if budget - len(sentence) < 0:
            break
        budget -= len(sentence)
        if current and len(current) + len(sentence) + 1 > 350:
            paragraphs.append(current)
            current = sentence
            if len(paragraphs) == 2:
                break
        else:
            current = f"{current} {sentence}".strip()
    if current and len(paragraphs) < 2:
        paragraphs.append(current)
    paragraphs.append(_CLOSING_BY_TONE.get(brief.tone, _CLOSING_BY_TONE["professional"]))
    return paragraphs[:3]


def _highlights(facts: AuctionFacts) -> list[Highlight]:
    out = []
    if facts.dates:
        out.append(Highlight(label="Date", value=fit(facts.dates[0], 120)))
    if facts.times:
        out.append(Highlight(label="Time", value=fit(facts.times[0], 120)))
    if facts.place:
        out.append(Highlight(label="Location", value=fit(facts.place, 120)))
    if facts.lots:
        out.append(Highlight(label="Lots", value=fit(facts.lots, 120)))
    if facts.online:
        in_person = facts.in_person
        out.append(Highlight(label="Bidding", value="Online and in person" if in_person else "Online"))
    return out


def _alt_texts(brief: CopyBrief, facts: AuctionFacts) -> dict[str, str]:
    alts = {}
    for image in brief.images:
        if image.role == "logo":
            alts[str(image.asset_id)] = f"{brief.advertiser_name} logo"
        else:
            alts[str(image.asset_id)] = fit(f"{brief.campaign_name}: featured photo {image.position + 1}", 150)
    return alts


def compose_offline_copy(brief: CopyBrief) -> CopyDraft:
    """Copy built only from the brief's own words and facts."""
    facts = extract_facts(brief.text_content)
    return CopyDraft(
        subject_lines=_subject_lines(brief, facts),
        preheader=_preheader(brief, facts),
        headline=fit(brief.campaign_name, HEADLINE_MAX),
        paragraphs=_paragraphs(brief, facts),
        cta_text=fit(_CTA_BY_TONE.get(brief.tone, _CTA_BY_TONE["professional"]), CTA_MAX),
        alt_texts=_alt_texts(brief, facts),
        highlights=_highlights(facts),
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
