"""Writing a campaign's copy: pick the writer, keep the deadline, fall back, store a version."""

import asyncio
import hashlib
import json
import logging
import time

from sqlmodel.ext.asyncio.session import AsyncSession

from app.campaigns.models import Campaign, CampaignStatus
from app.campaigns.queries import latest_copy, latest_decision, list_assets
from app.campaigns.status import require_can_process
from app.copywriting.base import CopyWriter
from app.copywriting.models import CopyVersion
from app.copywriting.offline import OfflineWriter
from app.copywriting.schemas import CopyBrief, ImageBrief, WrittenCopy
from app.core.clock import utcnow
from app.core.metrics import record_ai_fallback
from app.reviews.models import DecisionKind

logger = logging.getLogger(__name__)


async def build_brief(session: AsyncSession, campaign: Campaign, feedback: str | None) -> CopyBrief:
    assets = await list_assets(session, campaign.id)
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
    )


def brief_hash(brief: CopyBrief, writer_name: str) -> str:
    payload = json.dumps({"brief": brief.model_dump(mode="json"), "writer": writer_name}, sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


async def pending_feedback(session: AsyncSession, campaign: Campaign) -> str | None:
    """The comment of a request_changes decision that no copy has answered yet."""
    if campaign.status != CampaignStatus.changes_requested:
        return None
    decision = await latest_decision(session, campaign.id)
    if decision and decision.decision == DecisionKind.request_changes:
        return decision.comment or None
    return None


async def write_with_deadline(writer: CopyWriter, brief: CopyBrief, deadline_s: float) -> WrittenCopy:
    """The writer's copy, or the offline writer's when it is late, fails or answers nonsense."""
    if isinstance(writer, OfflineWriter):
        return await writer.write(brief)
    started = time.perf_counter()
    try:
        async with asyncio.timeout(deadline_s):
            return await writer.write(brief)
    except TimeoutError:
        reason = f"the AI provider did not answer within {deadline_s:g} s"
    except Exception as exc:  # any provider failure means: use the offline copy
        reason = getattr(exc, "user_reason", None) or f"the AI provider failed ({type(exc).__name__})"
    logger.warning("copy writer fell back to offline", extra={"reason": reason})
    record_ai_fallback("timeout" if reason.startswith("the AI provider did not answer") else "error")
    fallback = await OfflineWriter().write(brief)
    fallback.source = "fallback"
    fallback.fallback_reason = reason
    fallback.latency_ms = int((time.perf_counter() - started) * 1000)
    return fallback


async def write_copy(
    session: AsyncSession, campaign: Campaign, writer: CopyWriter, deadline_s: float
) -> tuple[CopyVersion, bool]:
    """Write (or reuse) the campaign's copy; returns the version and whether it was reused."""
    require_can_process(campaign.status)
    feedback = await pending_feedback(session, campaign)
    brief = await build_brief(session, campaign, feedback)
    digest = brief_hash(brief, writer.name)
    previous = await latest_copy(session, campaign.id)
    if previous is not None and previous.input_hash == digest and previous.source != "fallback" and not feedback:
        if campaign.status == CampaignStatus.uploaded:
            campaign.status = CampaignStatus.processed
        return previous, True

    written = await write_with_deadline(writer, brief, deadline_s)
    draft = written.draft
    version = CopyVersion(
        campaign_id=campaign.id,
        version=(previous.version + 1) if previous else 1,
        source=written.source,
        subject_lines=draft.subject_lines,
        preheader=draft.preheader,
        headline=draft.headline,
        paragraphs=draft.paragraphs,
        cta_text=draft.cta_text,
        alt_texts=draft.alt_texts,
        highlights=[h.model_dump() for h in draft.highlights],
        warnings=written.warnings,
        fallback_reason=written.fallback_reason,
        feedback=feedback,
        input_hash=digest,
        tokens_used=written.tokens_used,
        latency_ms=written.latency_ms,
    )
    session.add(version)
    campaign.status = CampaignStatus.processed
    campaign.updated_at = utcnow()
    session.add(campaign)
    await session.flush()
    logger.info(
        "copy written",
        extra={
            "campaign_id": str(campaign.id),
            "source": written.source,
            "latency_ms": written.latency_ms,
            "tokens": written.tokens_used,
        },
    )
    return version, False
