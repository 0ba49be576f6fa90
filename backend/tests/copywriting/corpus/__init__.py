"""Auction announcements written for the tests, each beside the facts a careful reader takes from it.

`NN-name.txt` is what the advertiser pastes; `NN-name.json` holds the campaign fields and the hand-made
annotations: every date, time, amount, phone, e-mail and URL exactly as written, the street address, the lot
count, the sale format, each dated moment with its role, and the featured lots. README.md gives the rules.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.copywriting.facts_record import AuctionFactsRecord

HERE = Path(__file__).resolve().parent
# The kinds whose recall must be 100 %: each annotated value must be found in the parsed record.
LIST_KINDS = ("dates", "times", "amounts", "phones", "emails", "urls")
SINGLE_KINDS = ("street_address", "lot_count")


@dataclass
class Announcement:
    name: str
    text: str
    expected: dict[str, Any]

    @property
    def fields(self) -> dict[str, str]:
        """The upload's form fields for this announcement."""
        return {
            "campaign_name": self.expected["campaign_name"],
            "advertiser_name": self.expected["advertiser_name"],
            "cta_url": self.expected["cta_url"],
            "text_content": self.text,
        }


def load_corpus() -> list[Announcement]:
    return [
        Announcement(txt.stem, txt.read_text(encoding="utf-8"), json.loads(txt.with_suffix(".json").read_text()))
        for txt in sorted(HERE.glob("*.txt"))
    ]


def norm(value: str) -> str:
    """Case, runs of spaces and the kind of dash don't change a fact."""
    return " ".join(value.casefold().replace("–", "-").replace("—", "-").split())


def record_values(record: AuctionFactsRecord) -> dict[str, list[str]]:
    """The record's values by the kinds the annotations use."""
    dates = [d for e in record.events for d in (e.date, e.end_date) if d]
    times = [t for e in record.events for t in (e.time, e.end_time) if t]
    amounts = [*record.amounts, *(i.estimate for i in record.featured_items if i.estimate)]
    return {
        "dates": dates,
        "times": times,
        "amounts": amounts,
        "phones": record.contact.phones,
        "emails": record.contact.emails,
        "urls": record.urls,
        "street_address": [record.street_address] if record.street_address else [],
        "lot_count": [record.lot_count] if record.lot_count else [],
        "licences": record.contact.licences,
    }


def found(expected: str, values: list[str]) -> bool:
    """An annotated value is found when a record value holds it (the record may say more: "Over 350 lots")."""
    return any(norm(expected) in norm(v) for v in values)


def missing_facts(announcement: Announcement, record: AuctionFactsRecord) -> dict[str, list[str]]:
    """Annotated values of the 100 % kinds that the record lacks, by kind (empty when recall is complete)."""
    values = record_values(record)
    missing: dict[str, list[str]] = {}
    for kind in LIST_KINDS + SINGLE_KINDS:
        wanted = announcement.expected.get(kind)
        wanted_list = wanted if isinstance(wanted, list) else ([wanted] if wanted else [])
        if kind == "urls":
            wanted_list = [*wanted_list, announcement.expected["cta_url"]]
        lost = [w for w in wanted_list if not found(w, values[kind])]
        if lost:
            missing[kind] = lost
    return missing


def record_facts(record: AuctionFactsRecord) -> dict[str, list[str]]:
    """The record's facts of the checked kinds, as the email must quote them."""
    values = record_values(record)
    return {kind: list(dict.fromkeys(values[kind])) for kind in LIST_KINDS + SINGLE_KINDS}


_SPACES_RE = re.compile(r"\s+")


def quoted(fact: str, rendered: str) -> bool:
    """Whether a rendered email (HTML or text) quotes a fact, ignoring case, spacing and dash kind."""
    return norm(fact) in norm(_SPACES_RE.sub(" ", rendered))
