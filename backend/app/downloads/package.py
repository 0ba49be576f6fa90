"""The downloadable package of an approved proof: built once, at approval."""

import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from app.campaigns.models import Asset
from app.campaigns.presenters import media_url
from app.proofs.service import localise_images


@dataclass(frozen=True)
class PackageImage:
    name: str
    data: bytes


def image_name(asset: Asset) -> str:
    ext = asset.key.rsplit(".", 1)[-1]
    return f"logo.{ext}" if asset.role == "logo" else f"hero-{asset.position + 1}.{ext}"


def build_package(
    *,
    html: str,
    text: str,
    assets: list[Asset],
    images: dict[str, bytes],
    base_url: str,
    details: Mapping[str, object],
    extra_images: Mapping[str, bytes] | None = None,
    how_to: str = "",
) -> bytes:
    """ZIP with email.html (local images), email-hosted.html, email.txt, details.json, images/.

    `extra_images`: other stored images the email shows, by key (e.g. the logo on its baked-in plate).
    Blocking; run it in a worker thread.
    """
    extra = dict(extra_images or {})
    replacements = {media_url(base_url, a.key): f"images/{image_name(a)}" for a in assets}
    replacements |= {media_url(base_url, key): f"images/{key.rsplit('/', 1)[-1]}" for key in extra}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr("email.html", localise_images(html, replacements))
        zf.writestr("email-hosted.html", html)
        zf.writestr("email.txt", text)
        zf.writestr("details.json", json.dumps(details, indent=2, default=_json_default))
        if how_to:  # HOW-TO-SEND.txt: what to do with the email in the service it goes out from
            zf.writestr("HOW-TO-SEND.txt", how_to)
        for asset in assets:
            # Images are already compressed; storing them avoids wasted CPU.
            zf.writestr(f"images/{image_name(asset)}", images[asset.key], compress_type=zipfile.ZIP_STORED)
        for key, data in extra.items():
            zf.writestr(f"images/{key.rsplit('/', 1)[-1]}", data, compress_type=zipfile.ZIP_STORED)
    return buf.getvalue()


def _json_default(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)
