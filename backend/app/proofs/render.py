"""Email rendering: an auto-escaping MJML template compiled to HTML, and its plain-text twin."""

import re
import textwrap
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape as html_escape
from pathlib import Path

import jinja2
from markupsafe import Markup, escape
from mjml import mjml_to_html

from app.copywriting.facts_record import AuctionFactsRecord
from app.proofs.calendar import SaleBadge
from app.proofs.layouts import LayoutName, choose_layout, template_name
from app.proofs.palette import Palette
from app.proofs.sale_details import DetailGroup, details_as_text

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"
# The email is shown inside the app: no script may run, nothing may frame it but us.
EMAIL_CSP = (
    "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; "
    "font-src https: data:; script-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'self'"
)


@dataclass(frozen=True)
class EmailImage:
    src: str
    alt: str
    width: int = 600
    bytes: int = 0  # weight of the file behind src, for the image-weight check
    caption: str = ""  # a featured lot's number, title and estimate, shown under the photo


@dataclass(frozen=True)
class EmailContent:
    """Everything one email shows; all of it is escaped by the template."""

    subject: str
    preheader: str
    headline: str
    paragraphs: list[str]
    cta_text: str
    cta_href: str | None
    advertiser_name: str
    logo: EmailImage
    heroes: list[EmailImage]
    highlights: list[dict[str, str]] = field(default_factory=list)
    unsubscribe_url: str = "{{unsubscribe_url}}"
    # The sender's postal address for the footer, on one line ("12 Main St, Springfield, IL"); "" for none.
    postal_address: str = ""
    palette: Palette = field(default_factory=Palette)
    layout: LayoutName | None = None  # None: chosen by the number of heroes
    lang: str = "en"
    # The "Sale details" block (built from `facts`), and the record and words the proof's fact checks use.
    sale_details: list[DetailGroup] = field(default_factory=list)
    facts: AuctionFactsRecord | None = None
    advertiser_words: str = ""
    # When and where under the headline (with "Add to calendar" and map links), from the facts record.
    badge: SaleBadge | None = None

    @property
    def chosen_layout(self) -> LayoutName:
        return choose_layout(len(self.heroes), self.layout)


class RenderError(Exception):
    pass


def _escape_attribute_twice(value: object) -> Markup:
    return Markup(escape(str(escape(str(value)))))  # noqa: S704 - escaped, twice on purpose


@lru_cache(maxsize=2)
def _environment(for_reference: bool = False) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,
    )
    # PyPI mjml parses MJML with BeautifulSoup, which decodes entities in attribute values, and writes
    # the values back without escaping them: `alt="a &quot;b&quot;"` would come out as `alt="a "b""`.
    # Escaping attribute values twice makes them come out escaped once. npm mjml keeps the source's
    # escaping as it is, so the reference compiler gets them escaped once.
    env.filters["attr"] = escape if for_reference else _escape_attribute_twice
    return env


def render_mjml(content: EmailContent, *, for_reference: bool = False) -> str:
    """The MJML source of the email in its layout (templates are parsed once and cached).

    `for_reference`: the source as the npm mjml compiler expects it (see `_environment`).
    """
    template = _environment(for_reference).get_template(template_name(content.chosen_layout))
    return template.render(**{k: v for k, v in content.__dict__.items() if k not in ("facts", "advertiser_words")})


def compile_mjml(source: str) -> str:
    """MJML to HTML (blocking; run it in a worker thread)."""
    result = mjml_to_html(source)
    if result.errors:
        raise RenderError(f"MJML errors: {result.errors}")
    return str(result.html)


TEXT_WIDTH = 72  # plain-text lines stay readable in any client (RFC 5322 recommends at most 78)


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, TEXT_WIDTH, break_long_words=False, break_on_hyphens=False) or [""]


def render_text(content: EmailContent) -> str:
    """The plain-text part, written from the same content (not stripped from the HTML).

    Paragraphs wrap at 72 characters; the call-to-action URL gets a line of its own so no client
    breaks it.
    """
    lines = [content.headline, "=" * min(len(content.headline), TEXT_WIDTH), ""]
    for paragraph in content.paragraphs:
        lines += [*_wrap(paragraph), ""]
    if content.highlights:
        lines += [f"{h['label']}: {h['value']}" for h in content.highlights] + [""]
    if content.badge:
        lines += [content.badge.when, *([content.badge.where] if content.badge.where else [])]
        if content.badge.calendar_url:
            lines += [f"Add to calendar: {content.badge.calendar_url}"]
        if content.badge.map_url:
            lines += [f"Map: {content.badge.map_url}"]
        lines += [""]
    if content.cta_href:
        lines += [f"{content.cta_text}:", content.cta_href, ""]
    if content.sale_details:
        lines += ["SALE DETAILS", ""]
        for line in details_as_text(content.sale_details):
            lines += _wrap(line)
        lines += [""]
    if content.cta_href and content.sale_details:
        lines += [f"{content.cta_text}:", content.cta_href, ""]
    reason = f"You are receiving this email because you subscribed to auction news from {content.advertiser_name}."
    address = [content.postal_address] if content.postal_address else []
    lines += ["--", content.advertiser_name, *address, *_wrap(reason), f"Unsubscribe: {content.unsubscribe_url}"]
    return "\n".join(lines).strip() + "\n"


def _repair_aria_label(html: str, subject: str) -> str:
    # PyPI mjml copies the <mj-title> text into the body's aria-label without escaping quotes,
    # so a subject with a double quote would end the attribute early.
    as_written = html_escape(subject.strip(), quote=False)
    if '"' not in as_written:
        return html
    return html.replace(f'aria-label="{as_written}"', f'aria-label="{html_escape(subject.strip())}"', 1)


_BACKGROUND = re.compile(
    r"<(table|td|body)\b(?![^>]*\bbgcolor=)([^>]*?style=\"[^\"]*?background(?:-color)?:\s*(#[0-9a-fA-F]{3,6}))"
)
_IMG_STYLE = re.compile(r'(<img\b[^>]*?src="([^"]*)"[^>]*?style="[^"]*?)font-size:13px')


def add_bgcolor_fallbacks(html: str) -> str:
    """`bgcolor` beside every inline background colour of a table, cell or body: clients that drop styles
    (Outlook's Word engine on some elements, old Android mail) still paint the brand's backgrounds."""
    return _BACKGROUND.sub(lambda m: f'<{m.group(1)} bgcolor="{m.group(3)}"{m.group(2)}', html)


def style_alt_text(html: str, content: EmailContent) -> str:
    """Alt text in a readable colour on what is behind each image, for readers with images off: the logo's on
    the header, the photos' on the card (dark mode overrides both in the template's styles)."""
    logo_src = str(escape(content.logo.src))
    font = "font-family:Helvetica,Arial,sans-serif;"

    def colour(m: re.Match[str]) -> str:
        if m.group(2) == logo_src:
            return f"{m.group(1)}{font}font-size:20px;font-weight:bold;color:{content.palette.logo_alt}"
        return f"{m.group(1)}{font}font-size:14px;color:{content.palette.text}"

    return _IMG_STYLE.sub(colour, html)


def finish_html(html: str, content: EmailContent) -> str:
    """What MJML leaves to us: readable alt text, bgcolor fallbacks, and no target="_blank" (Gmail refuses the
    attribute, per caniemail; webmail opens links in a new tab anyway)."""
    return add_bgcolor_fallbacks(style_alt_text(html, content)).replace(' target="_blank"', "")


def render_email(content: EmailContent) -> tuple[str, str]:
    """HTML and plain text of one email (blocking)."""
    html = _repair_aria_label(compile_mjml(render_mjml(content)), content.subject)
    return finish_html(html, content), render_text(content)


def warm_up() -> None:
    """Parse every layout's template and run the MJML compiler once, so no user pays for it (blocking)."""
    sample = EmailImage("https://example.com/i.jpg", "sample")
    for layout in ("single", "gallery"):
        render_email(
            EmailContent(
                subject="Warm-up",
                preheader="Warm-up",
                headline="Warm-up",
                paragraphs=["Warm-up"],
                cta_text="Warm-up",
                cta_href="https://example.com",
                advertiser_name="Warm-up",
                logo=sample,
                heroes=[sample, sample],
                layout=layout,  # type: ignore[arg-type]
            )
        )
