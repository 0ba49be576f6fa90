"""Checks run on every proof; each finding becomes a warning with a severity (info, warning, error)."""

import re
from html.parser import HTMLParser
from typing import Any

from app.proofs.palette import AA_TEXT, contrast_ratio
from app.proofs.render import EmailContent

SUBJECT_MAX = 60  # characters most inboxes show before cutting the subject
_LINK_OK = re.compile(r"^(https?://|mailto:|\{\{|\*\||%%|\[)", re.IGNORECASE)  # http(s), mail, ESP merge tags


class _EmailParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []
        self.links: list[str] = []
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        elif tag == "img":
            self.images.append(attributes)
        elif tag == "a" and attributes.get("href") is not None:
            self.links.append((attributes["href"] or "").strip())


def warning(code: str, severity: str, message: str) -> dict[str, Any]:
    return {"code": code, "severity": severity, "message": message}


def _size_checks(html: str, clip_bytes: int) -> list[dict[str, Any]]:
    size = len(html.encode())
    if size >= clip_bytes:
        message = f"The HTML is {size / 1024:.0f} KB; Gmail clips messages over {clip_bytes // 1024} KB."
        return [warning("gmail_clip", "error", message)]
    if size >= clip_bytes * 0.8:
        return [warning("near_gmail_clip", "warning", f"The HTML is {size / 1024:.0f} KB, close to Gmail's clip.")]
    return []


def _markup_checks(html: str) -> list[dict[str, Any]]:
    parser = _EmailParser()
    parser.feed(html)
    found = []
    if not (parser.lang or "").strip():
        found.append(warning("missing_lang", "warning", "The email does not declare its language (screen readers)."))
    missing = [img for img in parser.images if not (img.get("alt") or "").strip()]
    if missing:
        found.append(warning("missing_alt", "error", f"{len(missing)} image(s) have no alt text."))
    for href in parser.links:
        if not _LINK_OK.match(href):
            found.append(warning("bad_link", "error", f"A link is not http(s): {href[:80] or '(empty)'}"))
    return found


def _contrast_checks(content: EmailContent) -> list[dict[str, Any]]:
    found = []
    for name, (fg, bg) in content.palette.text_pairs().items():
        ratio = contrast_ratio(fg, bg)
        if ratio < AA_TEXT:
            severity = "error" if name.endswith("cta") else "warning"
            message = f"The {name} has a contrast of {ratio:.1f}:1, under WCAG AA's {AA_TEXT}:1 ({fg} on {bg})."
            found.append(warning("low_contrast", severity, message))
    return found


def _content_checks(content: EmailContent, image_budget_bytes: int) -> list[dict[str, Any]]:
    found = []
    if not content.cta_href:
        found.append(
            warning("no_cta_url", "warning", "No call-to-action link: add a cta_url so readers can reach your sale.")
        )
    if not content.preheader.strip():
        message = "The preheader is empty: inboxes show stray text beside the subject instead."
        found.append(warning("missing_preheader", "warning", message))
    if len(content.subject) > SUBJECT_MAX:
        found.append(
            warning(
                "long_subject",
                "info",
                f"The subject line has {len(content.subject)} characters; over {SUBJECT_MAX} may be cut off.",
            )
        )
    weight = content.logo.bytes + sum(h.bytes for h in content.heroes)
    if weight > image_budget_bytes:
        found.append(
            warning(
                "heavy_images",
                "warning",
                f"The images weigh {weight / 1024:.0f} KB in total (budget {image_budget_bytes // 1024} KB): "
                "slow to load on mobile data.",
            )
        )
    return found


def check_proof(
    html: str, content: EmailContent, *, clip_bytes: int, image_budget_bytes: int = 1_000_000
) -> list[dict[str, Any]]:
    """Warnings a sender must see before this email goes out."""
    return (
        _size_checks(html, clip_bytes)
        + _markup_checks(html)
        + _contrast_checks(content)
        + _content_checks(content, image_budget_bytes)
    )
