"""Changing a campaign's pictures after upload: add or replace, reorder, move the focal point, remove.

Files of a replaced or removed picture stay in storage while the campaign exists: earlier proof
versions (an approved one above all) still show them. They go with the campaign (api.campaign_lifecycle).
"""

import logging
import uuid

from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from app.campaigns.editing import touch_for_new_proof
from app.campaigns.models import Asset, AssetRole, Campaign
from app.campaigns.queries import list_assets
from app.campaigns.renditions import start_rendition
from app.campaigns.schemas import AssetEdit
from app.campaigns.status import require_can_edit
from app.campaigns.upload import UploadedFile, _asset, _prepare
from app.core.config import Settings
from app.core.errors import InvalidInput, NotFound, PayloadTooLarge
from app.core.transactions import commit, commit_with_files
from app.images.codec import PlannedPhoto, StoredImage
from app.storage.base import Storage, new_key

logger = logging.getLogger(__name__)


def _heroes(assets: list[Asset]) -> list[Asset]:
    return sorted((a for a in assets if a.role == AssetRole.hero), key=lambda a: (a.position, a.created_at))


def _renumber(heroes: list[Asset]) -> None:
    for index, hero in enumerate(heroes):
        hero.position = index


def _check_file(settings: Settings, role: AssetRole, f: UploadedFile, heroes: list[Asset]) -> None:
    what = "The logo" if role == AssetRole.logo else f"The photo {f.filename}"
    if not f.data:
        raise InvalidInput(f"{what} is an empty file; choose the picture again.", code="empty_file")
    if len(f.data) > settings.max_upload_bytes:
        raise PayloadTooLarge(
            f"{what} is {len(f.data) / 1_048_576:.1f} MB; a picture may be at most {settings.max_upload_mb:g} MB."
        )
    if role == AssetRole.hero and len(heroes) >= settings.max_hero_images:
        raise InvalidInput(
            f"An email shows at most {settings.max_hero_images} photos; remove one before adding another.",
            code="too_many_files",
        )


async def add_asset(
    session: AsyncSession,
    storage: Storage,
    settings: Settings,
    sessionmaker: async_sessionmaker[AsyncSession],
    campaign: Campaign,
    role: AssetRole,
    f: UploadedFile,
    position: int | None = None,
) -> Asset:
    """A new photo (at `position`, default last) or a new logo, which replaces the old one."""
    require_can_edit(campaign.status)
    assets = await list_assets(session, campaign.id)
    heroes = _heroes(assets)
    _check_file(settings, role, f, heroes)
    await commit(session)  # nothing pending: free the connection while the picture is checked
    image = await _prepare(settings, f, role)
    original_key = new_key(campaign.id, "originals", image.original.extension)
    puts: list[tuple[str, StoredImage]] = [(original_key, image.original)]
    if isinstance(image, PlannedPhoto):
        key = new_key(campaign.id, "email", "jpg")  # stored by the background job
    else:
        key = new_key(campaign.id, "email", image.rendition.extension)
        puts.append((key, image.rendition))
    at = len(heroes) if position is None else max(0, min(position, len(heroes)))
    asset = _asset(campaign, f, role, at if role == AssetRole.hero else 0, original_key, key, image)
    async with commit_with_files(session, storage) as stored:
        for put_key, item in puts:
            stored.add(put_key)
            await storage.put(put_key, item.data, item.content_type)
        if role == AssetRole.logo:
            for old in (a for a in assets if a.role == AssetRole.logo):
                await session.delete(old)
        else:
            heroes.insert(at, asset)
            _renumber(heroes)
            session.add_all(heroes)
        session.add(asset)
        await touch_for_new_proof(session, campaign)
    if isinstance(image, PlannedPhoto):
        start_rendition(sessionmaker, storage, asset, image.original.data, image.decode_cost)
    logger.info("asset added", extra={"campaign_id": str(campaign.id), "role": role.value})
    return asset


async def _find(session: AsyncSession, campaign: Campaign, asset_id: uuid.UUID) -> tuple[Asset, list[Asset]]:
    assets = await list_assets(session, campaign.id)
    asset = next((a for a in assets if a.id == asset_id), None)
    if asset is None:
        raise NotFound("This campaign has no picture with this id.", code="asset_not_found")
    return asset, assets


async def update_asset(session: AsyncSession, campaign: Campaign, asset_id: uuid.UUID, edit: AssetEdit) -> Asset:
    """Move a photo to another place in the order, or move a picture's focal point."""
    require_can_edit(campaign.status)
    asset, assets = await _find(session, campaign, asset_id)
    changed = False
    if edit.position is not None and asset.role == AssetRole.hero:
        heroes = [h for h in _heroes(assets) if h.id != asset.id]
        heroes.insert(min(edit.position, len(heroes)), asset)
        changed = changed or [h.id for h in heroes] != [h.id for h in _heroes(assets)]
        _renumber(heroes)
        session.add_all(heroes)
    elif edit.position is not None and edit.position != 0:
        raise InvalidInput("The logo has no place in the photo order; only photos can be moved.", code="not_a_photo")
    for name in ("focal_x", "focal_y"):
        value = getattr(edit, name)
        if value is not None and value != getattr(asset, name):
            setattr(asset, name, value)
            changed = True
    if changed:
        session.add(asset)
        await touch_for_new_proof(session, campaign)
        await commit(session)
    return asset


async def delete_asset(session: AsyncSession, campaign: Campaign, asset_id: uuid.UUID) -> None:
    require_can_edit(campaign.status)
    asset, assets = await _find(session, campaign, asset_id)
    if asset.role == AssetRole.logo:
        raise InvalidInput("Every email needs a logo: upload another one to replace it instead.", code="logo_required")
    await session.delete(asset)
    heroes = [h for h in _heroes(assets) if h.id != asset.id]
    _renumber(heroes)
    session.add_all(heroes)
    await touch_for_new_proof(session, campaign)
    await commit(session)
    logger.info("asset removed", extra={"campaign_id": str(campaign.id)})
