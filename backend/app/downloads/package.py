"""The downloadable package of an approved proof: built once, at approval."""

import io
import json
import time
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from app.campaigns.models import Asset
from app.proofs.service import localise_images
from app.storage.urls import media_url


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
    calendar: bytes | None = None,
    hosted_html: str | None = None,
) -> bytes:
    """ZIP with email.html (local images), email-hosted.html, email.txt, details.json, images/, and auction.ics
    when the sale has a dated, timed start (`calendar`).

    Only the images the email shows go in (an upload replaced by its cropped slot or its plate stays out), and
    every file unzips readable by everyone (0644), not owner-only.
    `extra_images`: other stored images the email shows, by key (e.g. the logo on its baked-in plate).
    Blocking; run it in a worker thread.
    """
    extra = dict(extra_images or {})
    assets = [a for a in assets if media_url(base_url, a.key) in html]
    replacements = {media_url(base_url, a.key): f"images/{image_name(a)}" for a in assets}
    replacements |= {media_url(base_url, key): f"images/{key.rsplit('/', 1)[-1]}" for key in extra}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        add_file(zf, "email.html", localise_images(html, replacements))
        # Its images at PUBLIC_ASSET_URL when set (downloads.public_assets), else through the app.
        add_file(zf, "email-hosted.html", hosted_html or html)
        add_file(zf, "email.txt", text)
        add_file(zf, "details.json", json.dumps(details, indent=2, default=_json_default))
        if how_to:  # HOW-TO-SEND.txt: what to do with the email in the service it goes out from
            add_file(zf, "HOW-TO-SEND.txt", how_to)
        if calendar:
            add_file(zf, "auction.ics", calendar)
        for asset in assets:
            # Images are already compressed; storing them avoids wasted CPU.
            add_file(zf, f"images/{image_name(asset)}", images[asset.key], stored=True)
        for key, data in extra.items():
            add_file(zf, f"images/{key.rsplit('/', 1)[-1]}", data, stored=True)
    return buf.getvalue()


def add_file(zf: zipfile.ZipFile, name: str, data: str | bytes, *, stored: bool = False) -> None:
    """One file, mode 0644 (writestr with a bare name gives 0600: unreadable to a web server or a colleague)."""
    info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
    info.external_attr = (0o100644 & 0xFFFF) << 16
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    zf.writestr(info, data)


def _json_default(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)
