"""The live preview: the email as it would look with the copy being typed, rendered and not stored."""

from sqlmodel.ext.asyncio.session import AsyncSession

from app.campaigns.models import AssetRole, Campaign
from app.campaigns.queries import list_assets
from app.copywriting.models import CopyVersion
from app.copywriting.queries import latest_copy
from app.copywriting.schemas import CopyEdit
from app.copywriting.service import _edited_fields
from app.core.config import Settings
from app.core.errors import WrongStep
from app.core.workers import run_cpu
from app.proofs.render import render_email
from app.proofs.service import build_content, logo_palette, plated_logo
from app.storage.base import Storage


async def render_draft(
    session: AsyncSession, storage: Storage, settings: Settings, campaign: Campaign, edit: CopyEdit
) -> str:
    """HTML of the latest copy with `edit` laid over it; the same checks as saving (422 for bad input).

    Nothing is written: no copy version, no proof, no status change. The palette and the logo's plate
    are cached per logo, so an update costs one MJML compile (measured by ./scripts/bench.sh live-preview).
    """
    copy = await latest_copy(session, campaign.id)
    if copy is None:
        raise WrongStep("No copy to preview yet: run process (POST /api/v1/process/{id}) first.")
    assets = await list_assets(session, campaign.id)
    values = _edited_fields(edit, copy, {str(a.id) for a in assets})
    draft = CopyVersion(**{**copy.model_dump(), **values})  # never added to the session
    logo = next(a for a in assets if a.role == AssetRole.logo)
    palette = await logo_palette(storage, logo.key)
    plate = await plated_logo(storage, logo, palette)
    content = build_content(campaign, draft, assets, settings, palette=palette, plate=plate)
    html, _ = await run_cpu(render_email, content)
    return html
