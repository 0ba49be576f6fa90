"""The advertiser's corrections of the auction facts record: kept on every copy version, they win over the parse.

A correction is a partial record: each top-level field given replaces the parsed one (`terms` and `contact`
field by field). The parse runs again on every rewrite; the corrections are laid on top of it each time.
"""

import logging
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlmodel.ext.asyncio.session import AsyncSession

from app.campaigns.models import Campaign, CampaignStatus
from app.campaigns.status import move_to, require_not_approved
from app.copywriting.facts_parser import parse_facts
from app.copywriting.facts_record import AuctionFactsRecord, FeaturedItem, SaleEvent, SaleFormat
from app.copywriting.models import CopyVersion
from app.copywriting.queries import latest_copy
from app.core.errors import InvalidInput, WrongStep
from app.core.transactions import commit
from app.core.workers import run_cpu

logger = logging.getLogger(__name__)

_NESTED = ("terms", "contact")


class SaleTermsCorrection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    buyers_premium: str | None = Field(default=None, max_length=200)
    deposit: str | None = Field(default=None, max_length=200)
    payment_methods: list[str] | None = Field(default=None, max_length=30)
    tax: str | None = Field(default=None, max_length=200)
    other: list[str] | None = Field(default=None, max_length=30)


class SaleContactCorrection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    phones: list[str] | None = Field(default=None, max_length=20)
    emails: list[str] | None = Field(default=None, max_length=20)
    licences: list[str] | None = Field(default=None, max_length=20)
    names: list[str] | None = Field(default=None, max_length=20)


class FactsCorrection(BaseModel):
    """Part of a facts record, as the advertiser corrects it. Fields left out keep their parsed (or earlier
    corrected) value; a field sent as null or [] is cleared. The limits are the record's own."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "example": {
                "street_address": "1234 County Road 56, Ames, IA 50010",
                "events": [{"role": "sale_closes", "text": "Sunday, March 8 at 7 PM", "date": "Sunday, March 8"}],
            }
        },
    )

    sale_format: SaleFormat | None = None
    events: list[SaleEvent] | None = Field(default=None, max_length=40)
    venue: str | None = Field(default=None, max_length=200)
    street_address: str | None = Field(default=None, max_length=300)
    lot_count: str | None = Field(default=None, max_length=60)
    featured_items: list[FeaturedItem] | None = Field(default=None, max_length=60)
    amounts: list[str] | None = Field(default=None, max_length=100)
    terms: SaleTermsCorrection | None = None
    contact: SaleContactCorrection | None = None
    urls: list[str] | None = Field(default=None, max_length=40)
    unplaced: list[str] | None = Field(default=None, max_length=60)


def merge_corrections(earlier: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Earlier corrections with the new ones on top (`terms` and `contact` merged field by field)."""
    merged = {**earlier}
    for name, value in new.items():
        if name in _NESTED and isinstance(value, dict) and isinstance(merged.get(name), dict):
            merged[name] = {**merged[name], **value}
        else:
            merged[name] = value
    return merged


def apply_corrections(parsed: AuctionFactsRecord, corrections: dict[str, Any]) -> AuctionFactsRecord:
    """The effective record: the parse with the advertiser's corrections laid on top."""
    if not corrections:
        return parsed
    data = parsed.model_dump(mode="json")
    for name, value in corrections.items():
        if name in _NESTED and isinstance(value, dict):
            for key, item in value.items():  # a list cleared with null means "none"
                data[name][key] = [] if item is None and isinstance(data[name].get(key), list) else item
        elif name in data:
            data[name] = [] if value is None and isinstance(data[name], list) else value
    if data.get("sale_format") is None:
        data["sale_format"] = "unknown"
    return AuctionFactsRecord.model_validate(data)


def parse_campaign_facts(campaign: Campaign) -> AuctionFactsRecord:
    """The record parsed from the campaign's own fields (blocking: call through run_cpu)."""
    return parse_facts(
        campaign.text_content,
        campaign_name=campaign.campaign_name,
        advertiser_name=campaign.advertiser_name,
        cta_url=campaign.cta_url,
    )


async def facts_for_new_copy(
    campaign: Campaign, previous: CopyVersion | None
) -> tuple[AuctionFactsRecord, dict[str, Any]]:
    """The record a new copy version stores: parsed now, the previous version's corrections on top (carried)."""
    parsed = await run_cpu(parse_campaign_facts, campaign)
    corrections = dict(previous.fact_corrections) if previous is not None else {}
    try:
        return apply_corrections(parsed, corrections), corrections
    except ValidationError:  # corrections made against an older record shape: the parse, and say so in the log
        logger.warning(
            "fact corrections no longer apply; using the parsed record", extra={"campaign": str(campaign.id)}
        )
        return parsed, {}


def _readable(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first.get("loc", ())) or "the facts"
    return f"The corrected facts are not valid: {where}: {first.get('msg', 'invalid value')}."


async def correct_facts(session: AsyncSession, campaign: Campaign, patch: FactsCorrection) -> CopyVersion:
    """A new copy version (source "edited") with the same copy and the corrected facts; 409 after approval.

    The corrections are kept with the version and laid on every later parse, so they win in every rewrite.
    """
    require_not_approved(campaign.status)
    previous = await latest_copy(session, campaign.id)
    if previous is None:
        raise WrongStep("No copy yet: run process (POST /api/v1/process/{id}) first, then correct its facts.")
    new = patch.model_dump(mode="json", exclude_unset=True)
    corrections = merge_corrections(previous.fact_corrections, new)
    parsed = await run_cpu(parse_campaign_facts, campaign)
    try:
        record = apply_corrections(parsed, corrections)
    except ValidationError as exc:
        raise InvalidInput(_readable(exc)) from exc
    fields = previous.model_dump(exclude={"id", "version", "created_at", "source", "facts", "fact_corrections"})
    version = CopyVersion(
        **fields,
        version=previous.version + 1,
        source="edited",
        facts=record.model_dump(mode="json"),
        fact_corrections=corrections,
    )
    session.add(version)
    move_to(campaign, CampaignStatus.processed)
    session.add(campaign)
    await commit(session)  # now, not after the response is built: a write lock is held for milliseconds
    logger.info("facts corrected", extra={"campaign_id": str(campaign.id), "fields": sorted(new)})
    return version
