"""Small renditions of the hero photos, so the AI's alt text describes what is really in them."""

import base64
import io
import logging

from PIL import Image

from app.campaigns.models import Asset, AssetRole
from app.core.workers import run_cpu
from app.storage.base import Storage, StorageError

logger = logging.getLogger(__name__)

# "low" detail looks at a 512 px image anyway: sending more only costs upload time.
PREVIEW_SIDE = 512
PREVIEW_QUALITY = 70


def preview_data_url(data: bytes, side: int = PREVIEW_SIDE) -> str:
    """A JPEG data URL of the image, at most `side` pixels on its longer edge (blocking)."""
    with Image.open(io.BytesIO(data)) as im:
        im.seek(0)  # first frame of a GIF
        im.draft("RGB", (side, side))
        frame = im.convert("RGBA") if im.mode in ("P", "LA", "RGBA") else im.convert("RGB")
        if frame.mode == "RGBA":
            flat = Image.new("RGB", frame.size, (255, 255, 255))
            flat.paste(frame, mask=frame.getchannel("A"))
            frame = flat
        frame.thumbnail((side, side))
        out = io.BytesIO()
        frame.save(out, "JPEG", quality=PREVIEW_QUALITY, optimize=True)
    return "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode()


def _source_key(asset: Asset) -> str:
    """The rendition, or the original while the rendition is still being made (campaigns.renditions)."""
    return asset.key if asset.bytes else asset.original_key


async def hero_previews(storage: Storage, assets: list[Asset]) -> dict[str, str]:
    """Asset id → data URL for each hero photo; a photo that cannot be read is left out."""
    previews: dict[str, str] = {}
    for asset in assets:
        if asset.role != AssetRole.hero:
            continue
        try:
            previews[str(asset.id)] = await run_cpu(preview_data_url, await storage.get(_source_key(asset)))
        except (StorageError, OSError, ValueError) as exc:
            logger.warning("photo left out of the AI request", extra={"asset_id": str(asset.id), "error": str(exc)})
    return previews
