"""Approved emails' images at PUBLIC_ASSET_URL: a CDN in front of the bucket's public/ prefix.

Without it, a sent email's pictures load through the app (BACKEND_URL/media → a presigned link): if
the app is down or moves, every email already delivered shows broken images. With it, approval
copies each image the email shows to `public/<key>` (the same random, never-reused key, cacheable
for a year) and the hosted HTML links `PUBLIC_ASSET_URL/<key>`, which the CDN serves on its own.
"""

import asyncio
from collections.abc import Mapping

from app.storage.base import Storage
from app.storage.urls import media_url

_CONTENT_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
}


def _content_type(key: str) -> str:
    return _CONTENT_TYPES.get(key.rsplit(".", 1)[-1].lower(), "application/octet-stream")


async def publish_email_images(
    storage: Storage, html: str, images: Mapping[str, bytes], *, base_url: str, public_asset_url: str | None
) -> str:
    """The email's HTML with its images on the CDN (published first); unchanged without PUBLIC_ASSET_URL."""
    if not public_asset_url:
        return html
    public = public_asset_url.rstrip("/")
    shown = {key: data for key, data in images.items() if media_url(base_url, key) in html}
    await asyncio.gather(*(storage.publish(key, data, _content_type(key)) for key, data in shown.items()))
    for key in shown:
        html = html.replace(media_url(base_url, key), f"{public}/{key}")
    return html
