"""The auction facts record: what the advertiser wrote about the sale, parsed once and kept as data.

The parser fills it from the advertiser's text and fields; the advertiser may correct it; the email's
"Sale details" block, the writers and the fact guard all read it. Every string keeps the advertiser's own
wording (`text`) so the email can quote it exactly; parsed values sit beside it where a parser found them.
"""

from typing import Literal

from pydantic import BaseModel, Field

SaleFormat = Literal["live", "online_timed", "live_webcast", "hybrid", "unknown"]

EventRole = Literal[
    "preview",  # preview or inspection
    "bidding_opens",
    "sale_starts",  # a live sale begins
    "first_lot_closes",  # a timed sale starts closing (soft close / staggered close)
    "sale_closes",  # a timed sale ends
    "pickup",  # pickup or removal
    "other",
]


class SaleEvent(BaseModel):
    """One dated moment of the sale, as the advertiser wrote it."""

    role: EventRole
    text: str = Field(
        max_length=200, description="The advertiser's words for the moment, e.g. 'Sunday, March 8 at 7 PM'"
    )
    date: str | None = Field(default=None, max_length=60, description="The date as written, e.g. 'Sunday, March 8'")
    time: str | None = Field(default=None, max_length=40, description="The time as written, e.g. '7 PM'")
    end_date: str | None = Field(default=None, max_length=60, description="A range's last day, as written")
    end_time: str | None = Field(default=None, max_length=40, description="A range's end time, as written")
    timezone: str | None = Field(default=None, max_length=40, description="As written: 'CST', 'Eastern', 'GMT'")
    iso_date: str | None = Field(default=None, description="YYYY-MM-DD when the year is known or inferable")


class FeaturedItem(BaseModel):
    name: str = Field(max_length=200)
    lot_number: str | None = Field(default=None, max_length=20)
    estimate: str | None = Field(default=None, max_length=60, description="As written, e.g. '$2,000-3,000'")


class SaleTerms(BaseModel):
    buyers_premium: str | None = Field(default=None, max_length=200)
    deposit: str | None = Field(default=None, max_length=200)
    payment_methods: list[str] = Field(default_factory=list)
    tax: str | None = Field(default=None, max_length=200)
    other: list[str] = Field(default_factory=list, description="Other terms, verbatim sentences")


class SaleContact(BaseModel):
    phones: list[str] = Field(default_factory=list, description="As written")
    emails: list[str] = Field(default_factory=list)
    licences: list[str] = Field(default_factory=list, description="Licence numbers, as written")
    names: list[str] = Field(default_factory=list)


class AuctionFactsRecord(BaseModel):
    """Every fact of the sale the advertiser gave; nothing else may appear in the email as fact."""

    sale_format: SaleFormat = "unknown"
    events: list[SaleEvent] = Field(default_factory=list)
    venue: str | None = Field(default=None, max_length=200, description="Name of the place, e.g. 'Grand Pavilion'")
    street_address: str | None = Field(default=None, max_length=300, description="As written")
    lot_count: str | None = Field(default=None, max_length=60, description="As written, e.g. '350 lots'")
    featured_items: list[FeaturedItem] = Field(default_factory=list)
    amounts: list[str] = Field(default_factory=list, description="Every amount of money, as written")
    terms: SaleTerms = Field(default_factory=SaleTerms)
    contact: SaleContact = Field(default_factory=SaleContact)
    urls: list[str] = Field(default_factory=list)
    # Sentences the parser could not place in any field above: shown verbatim, never dropped.
    unplaced: list[str] = Field(default_factory=list)
