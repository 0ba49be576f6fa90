"""Writing a campaign's copy: pick the writer, keep the deadline, fall back, guard the facts, store a version."""

import asyncio
import hashlib
import json
import logging
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from app.campaigns.models import Asset, Campaign, CampaignStatus
from app.campaigns.queries import list_assets
from app.campaigns.status import move_to, require_can_process, require_not_approved
from app.copywriting.base import CopyWriter
from app.copywriting.fact_guard import guard_copy
from app.copywriting.facts_corrections import facts_for_new_copy
from app.copywriting.hand_edits import changed_fields, keep_hand_edits, merge_edited
from app.copywriting.models import CopyVersion
from app.copywriting.offline import OfflineWriter, compose_offline_copy
from app.copywriting.queries import latest_copy
from app.copywriting.schemas import (
    ALT_MAX,
    CTA_MAX,
    HEADLINE_MAX,
    PARAGRAPH_MAX,
    PREHEADER_MAX,
    SUBJECT_MAX,
    CopyBrief,
    CopyDraft,
    CopyEdit,
    ImageBrief,
    WrittenCopy,
)
from app.copywriting.vision import hero_previews
from app.core.errors import InvalidInput, WrongStep
from app.core.metrics import record_ai_fallback
from app.core.text import clean_text
from app.core.transactions import commit
from app.storage.base import Storage

logger = logging.getLogger(__name__)

# Reading and shrinking the photos may use at most this share of the deadline; past it they are left out.
IMAGE_SHARE = 0.25


def draft_of(copy: CopyVersion) -> CopyDraft:
    """A stored copy version as a draft (for prompts and edits)."""
    return CopyDraft.model_validate(
        {
            "subject_lines": copy.subject_lines,
            "preheader": copy.preheader,
            "headline": copy.headline,
            "paragraphs": copy.paragraphs,
            "cta_text": copy.cta_text,
            "alt_texts": copy.alt_texts,
            "highlights": copy.highlights,
        }
    )


def brief_from(
    campaign: Campaign, assets: list[Asset], feedback: str | None, previous: CopyVersion | None = None
) -> CopyBrief:
    """Everything a writer may use. The previous copy only travels with feedback about it."""
    return CopyBrief(
        campaign_name=campaign.campaign_name,
        advertiser_name=campaign.advertiser_name,
        text_content=campaign.text_content,
        tone=campaign.tone,
        cta_url=campaign.cta_url,
        images=[
            ImageBrief(asset_id=a.id, role=a.role, position=a.position, width=a.width, height=a.height) for a in assets
        ],
        feedback=feedback,
        previous=draft_of(previous) if (feedback and previous is not None) else None,
    )


def brief_hash(brief: CopyBrief, writer_name: str) -> str:
    """Identifies the advertiser's inputs. Feedback is left out: once answered, the answer is what gets reused."""
    inputs = brief.model_dump(mode="json", exclude={"feedback", "previous"})
    payload = json.dumps({"brief": inputs, "writer": writer_name}, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


async def write_with_deadline(
    writer: CopyWriter, brief: CopyBrief, deadline_s: float, *, deadline: float | None = None
) -> WrittenCopy:
    """The writer's copy, or the offline writer's when it is late, fails or answers nonsense.

    `deadline_s` is the configured limit (used in the reason); `deadline` (event-loop time) the moment
    the copy must be ready, by default `deadline_s` from now.
    """
    if isinstance(writer, OfflineWriter):
        return await writer.write(brief)
    loop = asyncio.get_running_loop()
    started = loop.time()
    deadline = deadline if deadline is not None else started + deadline_s
    timeout_reason = f"the AI provider did not answer within {deadline_s:g} s"
    kind, detail = "timeout", ""
    try:
        async with asyncio.timeout_at(deadline):
            return await writer.write(brief, deadline=deadline)
    except TimeoutError:
        reason = timeout_reason
    except Exception as exc:  # any provider failure means: use the offline copy
        detail = str(exc.__cause__ or exc)[:300]  # the provider's own words, for operators only
        kind = getattr(exc, "kind", "unexpected")
        reason = getattr(exc, "user_reason", None) or f"the AI provider failed ({type(exc).__name__})"
        if kind == "timeout":
            reason = timeout_reason
    logger.warning(
        "copy writer fell back to offline",
        extra={"reason": reason, "kind": kind, "writer": writer.name, "detail": detail},
    )
    record_ai_fallback(kind)
    fallback = await OfflineWriter().write(brief)
    fallback.source = "fallback"
    fallback.fallback_reason = reason
    fallback.latency_ms = int((loop.time() - started) * 1000)
    return fallback


async def _attach_photos(brief: CopyBrief, storage: Storage, assets: list[Asset], budget_s: float) -> None:
    try:
        async with asyncio.timeout(budget_s):
            previews = await hero_previews(storage, assets)
    except TimeoutError:
        logger.warning("photos left out of the AI request: reading them took too long")
        return
    for image in brief.images:
        image.data_url = previews.get(str(image.asset_id))


async def write_copy(
    session: AsyncSession,
    campaign: Campaign,
    writer: CopyWriter,
    deadline_s: float,
    storage: Storage | None = None,
    *,
    feedback: str | None,
) -> tuple[CopyVersion, bool]:
    """Write (or reuse) the campaign's copy; returns the version and whether it was reused.

    `feedback`: the change request this copy answers (reviews.feedback.pending_feedback), or None.

    The same inputs with no new feedback reuse the stored copy (no AI call). New copy is checked by
    the fact guard: links and markup removed, unverified numbers, dates and prices flagged.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + deadline_s
    require_can_process(campaign.status)
    assets = await list_assets(session, campaign.id)
    previous = await latest_copy(session, campaign.id)
    brief = brief_from(campaign, assets, feedback, previous)
    digest = brief_hash(brief, writer.name)
    if previous is not None and previous.input_hash == digest and previous.source != "fallback" and not feedback:
        return previous, True

    if getattr(writer, "wants_images", False) and storage is not None:
        await _attach_photos(brief, storage, assets, deadline_s * IMAGE_SHARE)
    # The record is parsed anew from the inputs; the advertiser's corrections ride on top of it, version to version.
    facts, fact_corrections = await facts_for_new_copy(campaign, previous)
    brief.facts = facts
    written = await write_with_deadline(writer, brief, deadline_s, deadline=deadline)
    guarded = guard_copy(written.draft, brief, lambda: compose_offline_copy(brief))
    # The advertiser's hand-edited fields come back unless the change request is about them.
    draft, warnings, kept_edits, primary = keep_hand_edits(
        guarded.draft, [*written.warnings, *guarded.warnings], previous, feedback
    )
    if feedback and written.source != "openai":
        # Only the AI reads comments; say so rather than silently returning the same words.
        warnings.append(
            {
                "code": "feedback_not_applied",
                "severity": "warning",
                "message": "Your requested changes could not be applied automatically (the standard copy was "
                "used); edit the copy to make them.",
                "field": "feedback",
            }
        )
    version = CopyVersion(
        campaign_id=campaign.id,
        version=(previous.version + 1) if previous else 1,
        source=written.source,
        subject_lines=draft.subject_lines,
        primary_subject_index=primary,
        preheader=draft.preheader,
        headline=draft.headline,
        paragraphs=draft.paragraphs,
        cta_text=draft.cta_text,
        alt_texts=draft.alt_texts,
        highlights=[h.model_dump() for h in draft.highlights],
        edited_fields=kept_edits,
        facts=facts.model_dump(mode="json"),
        fact_corrections=fact_corrections,
        warnings=warnings,
        fallback_reason=written.fallback_reason,
        feedback=feedback,
        input_hash=digest,
        tokens_used=written.tokens_used,
        latency_ms=written.latency_ms,
    )
    session.add(version)
    move_to(campaign, CampaignStatus.processed)
    session.add(campaign)
    await commit(session)  # now, not after the response is built: a write lock is held for milliseconds
    logger.info(
        "copy written",
        extra={
            "campaign_id": str(campaign.id),
            "source": written.source,
            "model": written.model,
            "latency_ms": written.latency_ms,
            "tokens": written.tokens_used,
            "warnings": len(version.warnings),
            "fallback_reason": written.fallback_reason,
        },
    )
    return version, False


def _one_line(value: str) -> str:
    return " ".join(clean_text(value).split())


def _require(label: str, value: str, limit: int) -> str:
    if not value:
        raise InvalidInput(f"{label} cannot be empty.")
    if len(value) > limit:
        raise InvalidInput(f"{label} is longer than {limit} characters ({len(value)}).")
    return value


def _edited_fields(edit: CopyEdit, previous: CopyVersion, asset_ids: set[str]) -> dict[str, Any]:
    """The edit's values, cleaned and checked against the limits of written copy (InvalidInput when not)."""
    values: dict[str, Any] = {}
    if edit.subject_lines is not None:
        lines = [_one_line(s) for s in edit.subject_lines]
        if len(lines) != 3:
            raise InvalidInput(f"Give exactly 3 subject lines (got {len(lines)}).")
        for i, line in enumerate(lines):
            _require(f"Subject line {i + 1}", line, SUBJECT_MAX)
        if len({s.casefold() for s in lines}) != 3:
            raise InvalidInput("The 3 subject lines must differ from each other.")
        values["subject_lines"] = lines
    if edit.primary_subject_index is not None:
        if not 0 <= edit.primary_subject_index <= 2:
            raise InvalidInput("primary_subject_index must be 0, 1 or 2 (one of the 3 subject lines).")
        values["primary_subject_index"] = edit.primary_subject_index
    for name, label, limit in (
        ("preheader", "The preheader", PREHEADER_MAX),
        ("headline", "The headline", HEADLINE_MAX),
        ("cta_text", "The button text", CTA_MAX),
    ):
        raw = getattr(edit, name)
        if raw is not None:
            values[name] = _require(label, _one_line(raw), limit)
    if edit.paragraphs is not None:
        paragraphs = [p for p in (_one_line(p) for p in edit.paragraphs) if p]
        if not 1 <= len(paragraphs) <= 3:
            raise InvalidInput(f"Keep 1 to 3 paragraphs (got {len(paragraphs)}).")
        for i, paragraph in enumerate(paragraphs):
            _require(f"Paragraph {i + 1}", paragraph, PARAGRAPH_MAX)
        values["paragraphs"] = paragraphs
    if edit.alt_texts is not None:
        unknown = set(edit.alt_texts) - asset_ids
        if unknown:
            raise InvalidInput("alt_texts may only describe this campaign's images (keys are asset ids).")
        alts = dict(previous.alt_texts)
        for key, alt in edit.alt_texts.items():
            alts[key] = _require("An image description", _one_line(alt), ALT_MAX)
        values["alt_texts"] = alts
    if edit.highlights is not None:
        if len(edit.highlights) > 5:
            raise InvalidInput(f"Keep at most 5 highlights (got {len(edit.highlights)}).")
        values["highlights"] = [
            {"label": _require("A highlight label", _one_line(h.label), 40), "value": _one_line(h.value)}
            for h in edit.highlights
            if _one_line(h.value)
        ]
    return values


async def edit_copy(session: AsyncSession, campaign: Campaign, edit: CopyEdit, *, feedback: str | None) -> CopyVersion:
    """The advertiser's edit as a new copy version (source "edited"); the campaign goes back to `processed`.

    `feedback`: the change request the edit acts on (reviews.feedback.pending_feedback), kept on the version.

    Warnings about a field the advertiser changed are dropped: they have seen and rewritten it.
    An edit that changes nothing returns the latest version as it is.
    """
    require_not_approved(campaign.status)
    previous = await latest_copy(session, campaign.id)
    if previous is None:
        raise WrongStep("No copy to edit yet: run process (POST /api/v1/process/{id}) first.")
    assets = await list_assets(session, campaign.id)
    values = _edited_fields(edit, previous, {str(a.id) for a in assets})
    changed = {name for name, value in values.items() if getattr(previous, name) != value}
    if not changed:
        return previous
    merged = {name: values.get(name, getattr(previous, name)) for name in CopyEdit.model_fields}
    version = CopyVersion(
        campaign_id=campaign.id,
        version=previous.version + 1,
        source="edited",
        **merged,
        edited_fields=merge_edited(previous.edited_fields, changed_fields(previous, values)),
        # Any edit is the advertiser acting on their feedback, so that reminder goes too.
        warnings=[w for w in previous.warnings if w.get("field") not in changed | {"feedback"}],
        feedback=feedback,
        # Same inputs as the copy it edits, so a later process reuses the edit instead of overwriting it.
        input_hash=previous.input_hash,
        facts=previous.facts,  # an edit of the words keeps the facts and their corrections
        fact_corrections=previous.fact_corrections,
    )
    session.add(version)
    move_to(campaign, CampaignStatus.processed)
    session.add(campaign)
    await commit(session)  # now, not after the response is built: a write lock is held for milliseconds
    logger.info("copy edited", extra={"campaign_id": str(campaign.id), "fields": sorted(changed)})
    return version
