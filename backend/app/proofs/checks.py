"""Checks run on every proof; each finding becomes a warning with a severity (info, warning, error)."""

import re
from html.parser import HTMLParser
from typing import Any

from app.copywriting.fact_guard import invented_facts, known_fact_keys, url_key
from app.copywriting.facts_record import AuctionFactsRecord
from app.proofs.palette import AA_NON_TEXT, AA_TEXT, PANEL_APART, contrast_ratio
from app.proofs.render import EmailContent
from app.proofs.sale_details import Fact, listed_facts, squash

SUBJECT_MAX = 60  # characters most inboxes show before cutting the subject
# http(s), mail, phone, ESP merge tags
_LINK_OK = re.compile(r"^(https?://|mailto:|tel:|\{\{|\*\||%%|\[)", re.IGNORECASE)
MAX_MISSING_FACT_WARNINGS = 10
# What a bidder needs first is named first when many facts are missing.
_FACT_PRIORITY = ("date", "time", "address", "phone", "email", "url", "amount", "lots", "venue", "term", "item")


class _EmailParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []
        self.links: list[str] = []
        self.lang: str | None = None
        self.text: list[str] = []  # what a reader sees (the head, styles and the title left out)
        self._hidden = 0

    def handle_endtag(self, tag: str) -> None:
        if tag in ("head", "style", "script", "title"):
            self._hidden = max(0, self._hidden - 1)

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in ("head", "style", "script", "title"):
            self._hidden += 1
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
    """Every colour pairing in light and dark mode: text (4.5:1), the button against its card (3:1), and each
    panel apart from the card by its fill (1.25:1) or its border (3:1)."""
    palette = content.palette
    found = []
    for name, (fg, bg) in palette.text_pairs().items():
        ratio = contrast_ratio(fg, bg)
        if ratio < AA_TEXT:
            severity = "error" if name.endswith("cta") else "warning"
            message = f"The {name} has a contrast of {ratio:.1f}:1, under WCAG AA's {AA_TEXT}:1 ({fg} on {bg})."
            found.append(warning("low_contrast", severity, message))
    if content.cta_href:
        for name, (shape, around) in palette.shape_pairs().items():
            ratio = contrast_ratio(shape, around)
            if ratio < AA_NON_TEXT:
                message = (
                    f"The {name} stands out from its card by only {ratio:.1f}:1 (WCAG AA asks {AA_NON_TEXT}:1 for "
                    f"shapes; {shape} on {around}): readers may not see it is a button."
                )
                found.append(warning("low_contrast_button", "error", message))
    for name, (fill, border, card) in palette.panels().items():
        by_fill, by_border = contrast_ratio(fill, card), contrast_ratio(border, card)
        if by_fill < PANEL_APART and by_border < AA_NON_TEXT:
            message = (
                f"The {name} blends into the card: its fill is {by_fill:.2f}:1 from it (needs {PANEL_APART}:1) and "
                f"its border {by_border:.1f}:1 (needs {AA_NON_TEXT}:1)."
            )
            found.append(warning("panel_blends_in", "warning", message))
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


def _record_strings(record: AuctionFactsRecord) -> list[str]:
    def walk(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for v in value.values() for s in walk(v)]
        if isinstance(value, list):
            return [s for v in value for s in walk(v)]
        return []

    return walk(record.model_dump())


def _fact_checks(html: str, text: str, content: EmailContent) -> list[dict[str, Any]]:
    """Every fact of the record is in the HTML and the plain text; nothing is shown as a fact that no source
    states (the record, the advertiser's words, our own button, footer and unsubscribe links)."""
    parser = _EmailParser()
    parser.feed(html)
    seen_html, seen_text = squash(" ".join(parser.text)), squash(text)
    found = []
    record = content.facts
    if record is not None:
        linked = {url_key(href) for href in parser.links}

        def shown_in(seen: str, fact: Fact) -> bool:
            return squash(fact.value) in seen or (fact.kind == "url" and url_key(fact.value) in linked)

        missing = [f for f in listed_facts(record) if not (shown_in(seen_html, f) and shown_in(seen_text, f))]
        # A date missing with the whole moment it belongs to is named once, with the moment.
        missing = [f for f in missing if not any(squash(f.value) in squash(o.value) and o is not f for o in missing)]
        missing.sort(key=lambda f: _FACT_PRIORITY.index(f.kind) if f.kind in _FACT_PRIORITY else len(_FACT_PRIORITY))
        for fact in missing[:MAX_MISSING_FACT_WARNINGS]:
            where = "the plain text" if shown_in(seen_html, fact) else "the email"
            shown = fact.value if len(fact.value) <= 80 else fact.value[:77] + "…"
            found.append(
                warning(
                    "fact_missing",
                    "warning",
                    f'{fact.name[0].upper()}{fact.name[1:]} ("{shown}") is missing from {where}.',
                )
            )
        if len(missing) > MAX_MISSING_FACT_WARNINGS:
            more = len(missing) - MAX_MISSING_FACT_WARNINGS
            found.append(warning("fact_missing", "warning", f"{more} more of your facts are missing from the email."))
    if record is None and not content.advertiser_words:
        return found  # nothing to compare with (a sample email)
    sources = [content.advertiser_words, content.advertiser_name, content.cta_href or "", content.unsubscribe_url]
    if content.badge:  # our "Add to calendar" and map links, made from the record itself
        sources += [u for u in (content.badge.calendar_url, content.badge.map_url) if u]
    known = known_fact_keys(*sources, *(_record_strings(record) if record else []))
    links = [href for href in parser.links if not href.startswith("{{")]
    return found + invented_facts([" ".join(parser.text), *links, text], known)


def check_proof(
    html: str,
    content: EmailContent,
    *,
    clip_bytes: int,
    image_budget_bytes: int = 1_000_000,
    text: str | None = None,
) -> list[dict[str, Any]]:
    """Warnings a sender must see before this email goes out (with `text`, the plain-text part, the facts are
    checked too)."""
    return (
        _size_checks(html, clip_bytes)
        + _markup_checks(html)
        + _contrast_checks(content)
        + _content_checks(content, image_budget_bytes)
        + (_fact_checks(html, text, content) if text is not None else [])
    )
