"""The stable ids of an email's parts, which comments point at.

Every section of a proof carries a class `s-<id>` (templates/email): header, photo-1..3, headline,
paragraph-1..n, highlights, button, details, footer. The ids follow the email's structure, not its
words, so a comment on "paragraph-2" still means the second paragraph in the next version.
"""

import re

from app.core.errors import InvalidInput

SECTION_ID = re.compile(r"^(header|headline|highlights|button|details|footer|photo-[1-9]|paragraph-[1-9][0-9]?)$")
_IN_HTML = re.compile(r"\bs-(header|headline|highlights|button|details|footer|photo-[1-9]|paragraph-[1-9][0-9]?)\b")

LABELS = {
    "header": "the header (logo)",
    "headline": "the headline",
    "highlights": "the highlights",
    "button": "the button",
    "details": "the sale details",
    "footer": "the footer",
}


def sections_in(html: str) -> list[str]:
    """The section ids a rendered proof has, in the order they appear."""
    return list(dict.fromkeys(m.group(1) for m in _IN_HTML.finditer(html)))


def check_section(section: str | None) -> str | None:
    if section is None or not section.strip():
        return None
    section = section.strip()
    if not SECTION_ID.match(section):
        raise InvalidInput(
            "Point the comment at a part of the email (header, headline, paragraph-1, photo-1, button, details, "
            "footer), or at none.",
            code="invalid_section",
        )
    return section


def label(section: str) -> str:
    """How a writer reads the id: "paragraph 2", "photo 1", "the headline"."""
    if section in LABELS:
        return LABELS[section]
    kind, number = section.split("-")
    return f"{kind} {number}"
