"""Rendering proofs of a campaign's latest copy, and finding them again for preview."""

import logging
import re
from typing import Any

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.campaigns.models import Asset, AssetRole, Campaign, CampaignStatus
from app.campaigns.queries import list_assets
from app.campaigns.renditions import ensure_renditions
from app.campaigns.status import move_to, require_can_generate
from app.copywriting.facts_parser import parse_facts
from app.copywriting.facts_record import AuctionFactsRecord
from app.copywriting.models import CopyVersion
from app.copywriting.offline import writes_british
from app.copywriting.queries import latest_copy
from app.core.cache import BoundedCache
from app.core.config import Settings
from app.core.errors import NotFound, WrongStep
from app.core.public_origin import why_not_public
from app.core.transactions import commit_with_files
from app.core.workers import run_cpu
from app.jobs.broker import jobs_enabled
from app.proofs.calendar import sale_badge
from app.proofs.checks import check_proof
from app.proofs.crops import crop_photo, slot_ratio
from app.proofs.layouts import LayoutName, choose_layout, paired_photos
from app.proofs.models import ProofVersion
from app.proofs.palette import DEFAULT_PALETTE, Palette, brand_palette, palette_cache, plate_logo, plated_width
from app.proofs.pictures import picture_from_worker, picture_key_of
from app.proofs.queries import latest_proof
from app.proofs.render import EmailContent, EmailImage, render_email
from app.proofs.sale_details import build_sale_details, lot_caption
from app.proofs.screenshots import Device, ProofRenderer, Theme, media_fetcher
from app.proofs.utm import UtmTags, add_utm
from app.storage.base import ObjectNotFound, Storage, StorageError, new_key
from app.storage.urls import media_url

logger = logging.getLogger(__name__)
LOGO_DISPLAY_WIDTH = 200


def _logo_width(asset: Asset) -> int:
    # Wide logos fill up to 240 px, square ones stay smaller so they don't dominate.
    ratio = asset.width / max(asset.height, 1)
    return max(80, min(240, int(120 * ratio))) if ratio < 2 else 240


def utm_tags(settings: Settings, campaign: Campaign) -> UtmTags | None:
    """The UTM tags for this campaign's links, or None when tagging is switched off."""
    if not settings.utm_enabled:
        return None
    return UtmTags(settings.utm_source, settings.utm_medium, settings.utm_campaign or campaign.slug)


def build_content(
    campaign: Campaign,
    copy: CopyVersion,
    assets: list[Asset],
    settings: Settings,
    *,
    palette: Palette = DEFAULT_PALETTE,
    layout: LayoutName | None = None,
    plate: tuple[str, int] | None = None,
    slots: dict[str, tuple[str, int]] | None = None,
) -> EmailContent:
    """Everything the email shows, from the campaign, its latest copy and its images.

    `plate`: (storage key, bytes) of the logo with its backdrop baked in, shown instead of the logo.
    `slots`: photos cut to their slot (see `slot_photos`), by the asset's key: (storage key, bytes).
    """
    base = settings.public_base_url
    logo = next(a for a in assets if a.role == AssetRole.logo)
    heroes = sorted((a for a in assets if a.role == AssetRole.hero), key=lambda a: a.position)
    alt = copy.alt_texts

    def image(asset: Asset, default_alt: str, width: int = 600, caption: str = "") -> EmailImage:
        text = (alt.get(str(asset.id)) or "").strip() or default_alt
        key, size = (slots or {}).get(asset.key, (asset.key, asset.bytes))
        return EmailImage(media_url(base, key), text, width, size, caption)

    subject = copy.subject_lines[copy.primary_subject_index] if copy.subject_lines else campaign.campaign_name
    record = facts_of(copy, campaign)
    copy_text = " ".join([copy.headline, *copy.paragraphs, *(f"{h['label']}: {h['value']}" for h in copy.highlights)])
    details = build_sale_details(
        record,
        copy_text=copy_text,
        source_text=campaign.text_content,
        british=writes_british(campaign.text_content),
        button_url=campaign.cta_url,
    )
    return EmailContent(
        subject=subject,
        preheader=copy.preheader,
        headline=copy.headline,
        paragraphs=list(copy.paragraphs),
        cta_text=copy.cta_text,
        cta_href=add_utm(campaign.cta_url, utm_tags(settings, campaign)) if campaign.cta_url else None,
        advertiser_name=campaign.advertiser_name,
        logo=_logo_image(logo, image(logo, f"{campaign.advertiser_name} logo", _logo_width(logo)), plate, base),
        heroes=[
            image(h, f"{campaign.campaign_name} photo {h.position + 1}", caption=lot_caption(record, h.filename))
            for h in heroes
        ],
        highlights=[{"label": str(h["label"]), "value": str(h["value"])} for h in copy.highlights],
        unsubscribe_url=settings.unsubscribe_placeholder,
        postal_address=", ".join((campaign.postal_address or "").splitlines()),
        palette=palette,
        layout=layout,
        sale_details=details,
        badge=sale_badge(record, campaign.campaign_name, campaign.cta_url),
        facts=record,
        advertiser_words="\n".join(
            [campaign.campaign_name, campaign.advertiser_name, campaign.text_content, copy.feedback or ""]
        ),
    )


def facts_of(copy: CopyVersion, campaign: Campaign) -> AuctionFactsRecord:
    """The copy version's facts record; versions written before records were kept get one parsed now."""
    if copy.facts is not None:
        return AuctionFactsRecord.model_validate(copy.facts)
    return parse_facts(
        campaign.text_content,
        campaign_name=campaign.campaign_name,
        advertiser_name=campaign.advertiser_name,
        cta_url=campaign.cta_url,
    )


def _logo_image(logo: Asset, shown: EmailImage, plated: tuple[str, int] | None, base_url: str) -> EmailImage:
    if plated is None:
        return shown
    key, size = plated
    return EmailImage(media_url(base_url, key), shown.alt, plated_width(shown.width, logo.width, logo.height), size)


# Plated logo key → bytes; a logo never changes under its key, so entries never go stale.
_plated: BoundedCache[str, int] = BoundedCache(size=4096)


async def plated_logo(storage: Storage, logo: Asset, palette: Palette) -> tuple[str, int] | None:
    """A transparent logo's copy on a plate of the header colour (made once, kept beside the logo)."""
    if not palette.logo_transparent:
        return None
    key = f"{logo.key.rsplit('.', 1)[0]}-plate-{palette.header.lstrip('#')}.png"
    if key in _plated:
        return key, _plated[key]
    try:
        data = await storage.get(key)
    except ObjectNotFound:
        try:
            source = await storage.get(logo.key)
        except StorageError:
            logger.warning("logo missing for its plate", extra={"key": logo.key})
            return None
        data = await run_cpu(plate_logo, source, palette.header)
        await storage.put(key, data, "image/png")
    _plated.put(key, len(data))
    return key, len(data)


def images_reachability(settings: Settings) -> list[dict[str, Any]]:
    """An error on every proof while BACKEND_URL is not a public https origin: recipients would see no images."""
    reason = why_not_public(settings.public_base_url)
    if reason is None:
        return []
    message = (
        f"Recipients will not see the images: they link to {settings.public_base_url}, and {reason}. "
        "Set BACKEND_URL to the app's public https address before sending."
    )
    return [{"code": "images_not_public", "severity": "error", "message": message}]


# Cropped photo key → bytes; a photo never changes under its key, so entries never go stale.
_slotted: BoundedCache[str, int] = BoundedCache(size=4096)


async def slot_photos(
    storage: Storage, assets: list[Asset], layout: LayoutName | None, *, whole: bool = False
) -> dict[str, tuple[str, int]]:
    """Each photo cut to its slot around its focal point (made once per shape and focal point, kept beside the
    photo): never taller than 4:3, and photos side by side the same shape. `whole`: the advertiser wants whole
    photos, uncut."""
    heroes = sorted((a for a in assets if a.role == AssetRole.hero), key=lambda a: a.position)
    if whole or not heroes:
        return {}
    chosen = choose_layout(len(heroes), layout)
    paired = paired_photos(chosen, len(heroes))
    found: dict[str, tuple[str, int]] = {}
    for index, asset in enumerate(heroes):
        lead = index == 0 and chosen == "single"
        ratio = slot_ratio(asset.width, asset.height, paired=index in paired, lead=lead)
        if ratio is None or asset.key.endswith(".gif"):  # an animation keeps its frames
            continue
        stem = asset.key.rsplit(".", 1)[0]
        key = f"{stem}-slot-{round(1 / ratio * 100)}-{asset.focal_x:.2f}-{asset.focal_y:.2f}.jpg"
        if key not in _slotted:
            try:
                data = await storage.get(key)
            except ObjectNotFound:
                try:
                    source = await storage.get(asset.key)
                except StorageError:
                    logger.warning("photo missing for its slot", extra={"key": asset.key})
                    continue
                data = await run_cpu(crop_photo, source, ratio, asset.focal_x, asset.focal_y)
                await storage.put(key, data, "image/jpeg")
            _slotted.put(key, len(data))
        found[asset.key] = (key, _slotted[key])
    return found


def render_and_check(
    content: EmailContent, *, clip_bytes: int, image_budget_bytes: int
) -> tuple[str, str, list[dict[str, Any]]]:
    """HTML, plain text and the checks' warnings (blocking: compiling and parsing run in a worker thread)."""
    html, text = render_email(content)
    found = check_proof(html, content, clip_bytes=clip_bytes, image_budget_bytes=image_budget_bytes, text=text)
    return html, text, found


async def logo_palette(storage: Storage, logo_key: str) -> Palette:
    """The brand palette of a stored logo, computed once per logo in a worker thread."""

    async def compute() -> Palette:
        try:
            data = await storage.get(logo_key)
        except StorageError:
            logger.warning("logo missing for palette", extra={"key": logo_key})
            return DEFAULT_PALETTE
        return await run_cpu(brand_palette, data)

    return await palette_cache.get(logo_key, compute)


async def render_proof(
    session: AsyncSession,
    storage: Storage,
    settings: Settings,
    campaign: Campaign,
    layout: LayoutName | None = None,
    *,
    whole_photos: bool = False,
) -> ProofVersion:
    """Render the latest copy as a new proof version (in `layout`, or the one its photos suit); photos are cut
    to their slots unless the advertiser asked for `whole_photos`."""
    require_can_generate(campaign.status)
    copy = await latest_copy(session, campaign.id)
    if copy is None:
        raise WrongStep("No copy to render yet: run process (POST /api/v1/process/{id}) first.")
    assets = await list_assets(session, campaign.id)
    await ensure_renditions(session, storage, assets, wait_s=settings.rendition_wait_s)
    logo = next(a for a in assets if a.role == AssetRole.logo)
    palette = await logo_palette(storage, logo.key)
    plate = await plated_logo(storage, logo, palette)
    slots = await slot_photos(storage, assets, layout, whole=whole_photos)
    content = build_content(campaign, copy, assets, settings, palette=palette, layout=layout, plate=plate, slots=slots)
    html, text, found = await run_cpu(
        render_and_check,
        content,
        clip_bytes=settings.gmail_clip_bytes,
        image_budget_bytes=settings.email_image_budget_bytes,
    )
    warnings = list(copy.warnings) + found + images_reachability(settings)

    previous = await latest_proof(session, campaign.id)
    version = (previous.version + 1) if previous else 1
    html_key = new_key(campaign.id, "proofs", "html")
    # Committed here: a failed commit removes the stored HTML, and the write lock (SQLite) is not held
    # while the response is built.
    async with commit_with_files(session, storage) as stored:
        stored.add(html_key)
        await storage.put(html_key, html.encode(), "text/html; charset=utf-8")
        proof = ProofVersion(
            campaign_id=campaign.id,
            version=version,
            copy_version=copy.version,
            html_key=html_key,
            html_bytes=len(html.encode()),
            plain_text=text,
            warnings=warnings,
        )
        session.add(proof)
        move_to(campaign, CampaignStatus.proof_ready)
        session.add(campaign)
    logger.info("proof rendered", extra={"campaign_id": str(campaign.id), "version": version})
    return proof


async def proof_for_preview(
    session: AsyncSession, storage: Storage, settings: Settings, campaign: Campaign, version: int | None = None
) -> ProofVersion:
    """A given proof version, or the latest one; renders one when the latest copy has none yet."""
    if version is not None:
        stmt = select(ProofVersion).where(ProofVersion.campaign_id == campaign.id, ProofVersion.version == version)
        proof = (await session.exec(stmt)).first()
        if proof is None:
            raise NotFound(f"This campaign has no proof version {version}.")
        return proof
    if campaign.status == CampaignStatus.processed:
        # A preview only reads, but for this: the first proof of new copy is rendered (and kept) here. The row
        # is locked for that alone, as POST /generate locks it; if another request rendered it meanwhile, that
        # proof is the one shown.
        await session.refresh(campaign, with_for_update=True)
        if campaign.status == CampaignStatus.processed:
            return await render_proof(session, storage, settings, campaign)
    proof = await latest_proof(session, campaign.id)
    if proof is None:
        raise WrongStep("Nothing to preview yet: run process (POST /api/v1/process/{id}) first.")
    return proof


def picture_key(proof: ProofVersion, device: Device, theme: Theme) -> str:
    """Where the PNG of a proof version is cached: beside its HTML, which never changes."""
    return picture_key_of(proof.html_key, device, theme)


async def picture_proof(
    storage: Storage, settings: Settings, renderer: ProofRenderer, proof: ProofVersion, device: Device, theme: Theme
) -> bytes:
    """The proof as a PNG, rendered once per version, device and theme, then served from storage.

    With JOBS_BROKER_URL a job worker renders it (app/proofs/pictures.py); else this process does.
    """
    key = picture_key(proof, device, theme)
    try:
        return await storage.get(key)
    except ObjectNotFound:
        pass  # not rendered yet (a storage outage is not a cache miss: it propagates)
    if jobs_enabled():
        return await picture_from_worker(storage, settings, proof.html_key, device, theme)
    html = (await storage.get(proof.html_key)).decode()
    image = await renderer.screenshot(html, device, theme, media_fetcher(storage, f"{settings.public_base_url}/media"))
    await storage.put(key, image, "image/png")
    return image


def media_keys_in(html: str, base_url: str) -> list[str]:
    """Storage keys of the app's own images an email shows (`<base_url>/media/<key>`), in order, once each."""
    pattern = re.compile(re.escape(f"{base_url}/media/") + r"(campaigns/[A-Za-z0-9_./-]+\.[A-Za-z0-9]+)")
    return list(dict.fromkeys(m.group(1) for m in pattern.finditer(html) if ".." not in m.group(1)))


def localise_images(html: str, replacements: dict[str, str]) -> str:
    """Point absolute image URLs at files inside the download (images/...)."""
    if not replacements:
        return html
    pattern = re.compile("|".join(re.escape(k) for k in sorted(replacements, key=len, reverse=True)))
    return pattern.sub(lambda m: replacements[m.group(0)], html)
