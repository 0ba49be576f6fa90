"""The email's "Sale details" block, built from the auction facts record itself (never from the writer's prose).

Every fact of the record is listed here in the advertiser's own words, so the email keeps them whatever the
writer returned: when (each moment with its role), where, the lots, featured items, terms, contact, links, and
what could not be placed ("More details", verbatim). `listed_facts` names each fact so a proof can say which
one an email lacks.
"""

import re
from dataclasses import dataclass

from app.copywriting.fact_guard import url_key
from app.copywriting.facts import split_sentences
from app.copywriting.facts_record import AuctionFactsRecord, SaleEvent

ROLE_LABELS = {
    "preview": "Preview",
    "bidding_opens": "Bidding opens",
    "sale_starts": "Sale begins",
    "first_lot_closes": "First lots close",
    "sale_closes": "Bidding closes",
    "pickup": "Pickup",
    "other": "Date",
}
FORMAT_LABELS = {
    "live": "Live auction",
    "online_timed": "Online-only timed auction",
    "live_webcast": "Live auction with online bidding (webcast)",
    "hybrid": "Live and online auction",
}


@dataclass(frozen=True)
class Piece:
    """A run of text, linked when `href` is set (tel:, mailto:, http)."""

    text: str
    href: str | None = None


@dataclass(frozen=True)
class DetailLine:
    label: str | None
    pieces: tuple[Piece, ...]

    @property
    def text(self) -> str:
        return " · ".join(p.text for p in self.pieces)


@dataclass(frozen=True)
class DetailGroup:
    title: str
    lines: tuple[DetailLine, ...]


@dataclass(frozen=True)
class Fact:
    """One fact the email must show, as the record has it, and what to call it in a warning."""

    kind: str  # date, time, amount, phone, email, url, address, lots, item, term, contact, sentence, venue
    name: str
    value: str


def squash(text: str) -> str:
    """Whitespace collapsed and case folded: how a fact is looked for in HTML or wrapped plain text."""
    return " ".join(text.split()).casefold()


def _line(label: str | None, *texts: str) -> DetailLine:
    # "Buyer's premium: 10% buyer's premium" says it twice: a value that names itself needs no label.
    if label and any(squash(label.split()[0])[:5] in squash(t) for t in texts):
        label = None
    return DetailLine(label, tuple(Piece(t) for t in texts if t))


def tel_href(phone: str) -> str:
    digits = re.sub(r"[^\d+]", "", phone.split("ext")[0].split("x")[0])
    return f"tel:{digits}"


def _event_line(event: SaleEvent) -> DetailLine:
    extras = [
        part
        for part in (event.date, event.time, event.end_date, event.end_time, event.timezone)
        if part and squash(part) not in squash(event.text)
    ]
    text = f"{event.text} ({', '.join(extras)})" if extras else event.text
    return _line(ROLE_LABELS.get(event.role, "Date"), text)


def _item_text(item_name: str, lot: str | None, estimate: str | None) -> str:
    text = item_name
    if lot:
        text = f"Lot {lot}: {text}" if not re.match(r"(?i)lot\b", lot) else f"{lot}: {text}"
    if estimate:
        text += f" (estimate {estimate})"
    return text


_LOT_IN_NAME = re.compile(r"(?i)\blot[\s_#-]*0*(\d+[a-z]?)\b")


def lot_caption(record: AuctionFactsRecord, filename: str) -> str:
    """The caption of a photo tied to a featured lot by its file name ("lot-12.jpg", "Lot 12 chair.png"): the lot
    number, title and estimate as the record has them; "" for a photo of no featured lot."""
    m = _LOT_IN_NAME.search(filename.replace("_", " "))
    if not m:
        return ""
    for item in record.featured_items:
        number = re.sub(r"(?i)^lot\s*#?\s*0*", "", item.lot_number or "")
        if number and number.lower() == m.group(1).lower():
            return _item_text(item.name, item.lot_number, item.estimate)
    return ""


def _groups(record: AuctionFactsRecord, british: bool, button_url: str | None) -> list[DetailGroup]:
    groups: list[DetailGroup] = []
    when = [_event_line(e) for e in record.events]
    if when:
        groups.append(DetailGroup("When", tuple(when)))
    where = [_line(None, t) for t in (record.venue, record.street_address) if t]
    if where:
        groups.append(DetailGroup("Where", tuple(where)))
    sale = []
    if record.sale_format in FORMAT_LABELS:
        sale.append(_line("Format", FORMAT_LABELS[record.sale_format]))
    if record.lot_count:
        sale.append(_line("Lots", record.lot_count))
    if sale:
        groups.append(DetailGroup("The sale", tuple(sale)))
    items = [_line(None, _item_text(i.name, i.lot_number, i.estimate)) for i in record.featured_items]
    if items:
        groups.append(DetailGroup("Featured lots", tuple(items)))
    t = record.terms
    terms = [
        line
        for line in (
            _line("Buyer's premium", t.buyers_premium) if t.buyers_premium else None,
            _line("Deposit", t.deposit) if t.deposit else None,
            _line("Payment", ", ".join(t.payment_methods)) if t.payment_methods else None,
            _line("Tax", t.tax) if t.tax else None,
        )
        if line
    ] + [_line(None, o) for o in t.other]
    if terms:
        groups.append(DetailGroup("Terms", tuple(terms)))
    c = record.contact
    contact = []
    if c.names:
        contact.append(_line(None, ", ".join(c.names)))
    if c.phones:
        contact.append(DetailLine("Phone", tuple(Piece(p, tel_href(p)) for p in c.phones)))
    if c.emails:
        contact.append(DetailLine("E-mail", tuple(Piece(e, f"mailto:{e}") for e in c.emails)))
    if c.licences:
        contact.append(_line("Licence" if british else "License", ", ".join(c.licences)))
    if contact:
        groups.append(DetailGroup("Contact", tuple(contact)))
    # The button already goes to the catalog link; the block lists the others as text (the button stays the
    # email's one web link; phones and e-mails are tel: and mailto: links).
    urls = [u for u in record.urls if button_url is None or url_key(u) != url_key(button_url)]
    if urls:
        groups.append(DetailGroup("Web", tuple(_line(None, u) for u in urls)))
    return groups


def listed_facts(record: AuctionFactsRecord) -> list[Fact]:
    """Every fact of the record an email must show, each named for a warning."""
    facts: list[Fact] = []
    for event in record.events:
        role = ROLE_LABELS.get(event.role, "Date").lower()
        facts.append(Fact("date", f"the {role} moment", event.text))
        for kind, part in (
            ("date", event.date),
            ("time", event.time),
            ("date", event.end_date),
            ("time", event.end_time),
            ("time", event.timezone),
        ):
            if part:
                facts.append(Fact(kind, f"the {role} {kind}", part))
    for kind, name, value in (
        ("venue", "the venue", record.venue),
        ("address", "the street address", record.street_address),
        ("lots", "the lot count", record.lot_count),
    ):
        if value:
            facts.append(Fact(kind, name, value))
    for item in record.featured_items:
        facts.append(Fact("item", "a featured item", item.name))
        if item.lot_number:
            facts.append(Fact("item", f"the lot number of {item.name}", item.lot_number))
        if item.estimate:
            facts.append(Fact("amount", f"the estimate of {item.name}", item.estimate))
    facts += [Fact("amount", "an amount", a) for a in record.amounts]
    t = record.terms
    for name, value in (("the buyer's premium", t.buyers_premium), ("the deposit", t.deposit), ("the tax", t.tax)):
        if value:
            facts.append(Fact("term", name, value))
    facts += [Fact("term", "a payment method", m) for m in t.payment_methods]
    facts += [Fact("term", "a term", o) for o in t.other]
    c = record.contact
    facts += [Fact("phone", "a phone number", p) for p in c.phones]
    facts += [Fact("email", "an e-mail address", e) for e in c.emails]
    facts += [Fact("contact", "a licence number", lic) for lic in c.licences]
    facts += [Fact("contact", "a contact name", n) for n in c.names]
    facts += [Fact("url", "a web address", u) for u in record.urls]
    facts += [Fact("sentence", "a sentence of your text", s) for s in record.unplaced]
    return facts


def _sentence_with(value: str, sentences: list[str]) -> str | None:
    wanted = squash(value)
    return next((s for s in sentences if wanted in squash(s)), None)


def build_sale_details(
    record: AuctionFactsRecord,
    *,
    copy_text: str = "",
    source_text: str = "",
    british: bool = False,
    button_url: str | None = None,
) -> list[DetailGroup]:
    """The block for one email. "More details" holds the unplaced sentences the copy does not already quote,
    and, for any fact no line above shows, the advertiser's sentence that states it (or the fact itself)."""
    groups = _groups(record, british, button_url)
    shown = squash(" ".join(line.text for g in groups for line in g.lines))
    if button_url:
        shown += " " + squash(button_url)
    in_copy = squash(copy_text)
    more: list[str] = []

    def keep(sentence: str) -> None:
        key = squash(sentence)
        if key not in in_copy and all(key not in squash(m) for m in more):
            more.append(sentence)

    for sentence in record.unplaced:
        keep(sentence)
    sentences = split_sentences(source_text) if source_text else []
    for fact in listed_facts(record):
        if fact.kind == "sentence":
            continue
        key = squash(fact.value)
        if key in shown or key in in_copy or any(key in squash(m) for m in more):
            continue
        if fact.kind == "url" and button_url and url_key(fact.value) == url_key(button_url):
            continue
        keep(_sentence_with(fact.value, sentences) or fact.value)
    if more:
        groups.append(DetailGroup("More details", tuple(_line(None, m) for m in more)))
    return groups


def details_as_text(groups: list[DetailGroup]) -> list[str]:
    """The block as plain-text lines (links as written: phones and addresses stay readable and tappable)."""
    lines: list[str] = []
    for group in groups:
        lines.append(group.title.upper())
        for line in group.lines:
            lines.append(f"{line.label}: {line.text}" if line.label else line.text)
        lines.append("")
    return lines
