"""The download's other shapes: `?format=eml` (one e-mail message) and `?esp=` (the ZIP for one email service)."""

from enum import StrEnum

from fastapi import Response

from app.campaigns.models import Campaign
from app.core.config import Settings
from app.delivery import service
from app.downloads.targets import EspTarget
from app.proofs.models import ProofVersion
from app.storage.base import Storage


class DownloadFormat(StrEnum):
    zip = "zip"
    eml = "eml"


def _attachment(data: bytes, media_type: str, filename: str) -> Response:
    return Response(
        data,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "private, no-store"},
    )


async def other_download(
    storage: Storage,
    settings: Settings,
    campaign: Campaign,
    proof: ProofVersion,
    key: str,
    fmt: DownloadFormat,
    esp: EspTarget,
) -> Response | None:
    """The .eml or the retargeted ZIP; None for the ZIP as stored (generic placeholders), streamed as it is."""
    suffix = "" if esp == EspTarget.generic else f"-{esp.value.replace('_', '-')}"
    stem = f"{campaign.slug}-v{proof.version}{suffix}"
    if fmt == DownloadFormat.eml:
        return _attachment(await service.eml_file(storage, settings, key, esp), "message/rfc822", f"{stem}.eml")
    if esp == EspTarget.generic:
        return None
    return _attachment(await service.retargeted_zip(storage, settings, key, esp), "application/zip", f"{stem}.zip")
