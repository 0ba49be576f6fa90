"""Checks run on every proof; each finding becomes a warning with a severity."""

import re
from html.parser import HTMLParser
from typing import Any

from app.proofs.render import EmailContent


class _ImageAndLinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "img":
            self.images.append(attributes)
        elif tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"] or "")


def warning(code: str, severity: str, message: str) -> dict[str, Any]:
    return {"code": code, "severity": severity, "message": message}


def check_proof(html: str, content: EmailContent, *, clip_bytes: int) -> list[dict[str, Any]]:
    """Warnings a sender must see before this email goes out."""
    found: list[dict[str, Any]] = []
    size = len(html.encode())
    if size >= clip_bytes:
        found.append(
            warning(
                "gmail_clip",
                "error",
                f"The HTML is {size / 1024:.0f} KB; Gmail clips messages over {clip_bytes // 1024} KB.",
            )
        )
    elif size >= clip_bytes * 0.8:
        found.append(warning("near_gmail_clip", "warning", f"The HTML is {size / 1024:.0f} KB, close to Gmail's clip."))
    parser = _ImageAndLinkParser()
    parser.feed(html)
    missing = [img.get("src") for img in parser.images if not (img.get("alt") or "").strip()]
    if missing:
        found.append(warning("missing_alt", "error", f"{len(missing)} image(s) have no alt text."))
    for href in parser.links:
        if not re.match(r"^(https?://|mailto:|\{\{|\*\|)", href):
            found.append(warning("bad_link", "error", f"A link is not http(s): {href[:80]}"))
    if not content.cta_href:
        found.append(
            warning("no_cta_url", "warning", "No call-to-action link: add a cta_url so readers can reach your sale.")
        )
    if not content.preheader.strip():
        found.append(warning("missing_preheader", "warning", "The preheader is empty."))
    if len(content.subject) > 60:
        found.append(warning("long_subject", "info", "The subject line is over 60 characters and may be cut off."))
    return found
