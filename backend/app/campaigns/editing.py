"""Changing a campaign's details after upload: names, text, button link, tone, postal address."""

import logging

from sqlmodel.ext.asyncio.session import AsyncSession

from app.campaigns.models import Campaign
from app.campaigns.schemas import CampaignEdit
from app.campaigns.status import move_to, status_after_edit
from app.core.clock import utcnow
from app.core.text import clean_text, require_length, slugify, validate_http_url
from app.core.transactions import commit

logger = logging.getLogger(__name__)

# The copy is written from these: changing one means the next proof needs new copy (process).
COPY_INPUTS = frozenset({"campaign_name", "advertiser_name", "text_content", "tone"})
POSTAL_ADDRESS_MAX = 300


def _one_line(field: str, label: str, value: str) -> str:
    return require_length(label, " ".join(clean_text(value, label).split()), min_length=1, max_length=120)


def clean_postal_address(value: str | None) -> str | None:
    """The address as written, line breaks kept (it is shown on lines joined by commas); None when empty."""
    text = clean_text(value, "The postal address")
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    joined = "\n".join(lines)
    if not joined:
        return None
    return require_length("The postal address", joined, min_length=1, max_length=POSTAL_ADDRESS_MAX)


def cleaned_values(edit: CampaignEdit) -> dict[str, object]:
    """The fields the edit sets, validated like the upload form's; None clears the optional ones."""
    sent = edit.model_dump(exclude_unset=True)
    values: dict[str, object] = {}
    if "campaign_name" in sent:
        values["campaign_name"] = _one_line("campaign_name", "The campaign name", sent["campaign_name"] or "")
    if "advertiser_name" in sent:
        values["advertiser_name"] = _one_line("advertiser_name", "The advertiser name", sent["advertiser_name"] or "")
    if "text_content" in sent:
        text = clean_text(sent["text_content"], "The sale text")
        values["text_content"] = require_length("The sale text", text, min_length=0, max_length=5000)
    if "cta_url" in sent:
        values["cta_url"] = validate_http_url("The button link", sent["cta_url"])
    if "tone" in sent and sent["tone"] is not None:
        values["tone"] = sent["tone"]
    if "postal_address" in sent:
        values["postal_address"] = clean_postal_address(sent["postal_address"])
    return values


async def edit_campaign(session: AsyncSession, campaign: Campaign, edit: CampaignEdit) -> Campaign:
    """Apply the edit; the next proof shows it as a new version. Nothing changes on an approved campaign.

    An edit that changes nothing leaves the campaign (and its status) as it was.
    """
    values = cleaned_values(edit)
    changed = {name for name, value in values.items() if getattr(campaign, name) != value}
    if not changed:
        status_after_edit(campaign.status, copy_affected=False)  # still 409 when approved
        return campaign
    status = status_after_edit(campaign.status, copy_affected=bool(changed & COPY_INPUTS))
    for name in changed:
        setattr(campaign, name, values[name])
    if "campaign_name" in changed:
        campaign.slug = slugify(campaign.campaign_name)
    move_to(campaign, status, utcnow())
    session.add(campaign)
    await commit(session)
    logger.info("campaign edited", extra={"campaign_id": str(campaign.id), "fields": sorted(changed)})
    return campaign


async def touch_for_new_proof(session: AsyncSession, campaign: Campaign) -> None:
    """After a change only the email shows (photos, logo): the next generate makes a new proof version."""
    move_to(campaign, status_after_edit(campaign.status, copy_affected=False))
    session.add(campaign)
