"""Email rendering: an auto-escaping MJML template compiled to HTML, and its plain-text twin."""

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jinja2
from mjml import mjml_to_html

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"


@dataclass(frozen=True)
class EmailImage:
    src: str
    alt: str
    width: int = 600


@dataclass(frozen=True)
class Palette:
    background: str = "#f3f4f6"
    header: str = "#ffffff"
    card: str = "#ffffff"
    panel: str = "#f1f5f9"
    text: str = "#1f2937"
    heading: str = "#111827"
    muted: str = "#4b5563"
    button: str = "#b4410c"
    button_text: str = "#ffffff"


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
    palette: Palette = field(default_factory=Palette)


class RenderError(Exception):
    pass


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,
    )


def render_mjml(content: EmailContent, template: str = "email.mjml.j2") -> str:
    return _environment().get_template(template).render(**content.__dict__)


def compile_mjml(source: str) -> str:
    """MJML to HTML (blocking; run it in a worker thread)."""
    result = mjml_to_html(source)
    if result.errors:
        raise RenderError(f"MJML errors: {result.errors}")
    return str(result.html)


def render_text(content: EmailContent) -> str:
    """The plain-text part, written from the same content (not stripped from the HTML)."""
    lines = [content.headline, "=" * min(len(content.headline), 60), ""]
    for paragraph in content.paragraphs:
        lines += [paragraph, ""]
    if content.highlights:
        lines += [f"{h['label']}: {h['value']}" for h in content.highlights] + [""]
    if content.cta_href:
        lines += [f"{content.cta_text}: {content.cta_href}", ""]
    lines += ["--", content.advertiser_name, f"Unsubscribe: {content.unsubscribe_url}"]
    return "\n".join(lines).strip() + "\n"


def render_email(content: EmailContent) -> tuple[str, str]:
    """HTML and plain text of one email (blocking)."""
    return compile_mjml(render_mjml(content)), render_text(content)
