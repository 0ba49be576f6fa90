"""Each email variant as an inbox sees it, judged by tools we did not write: SpamAssassin offline on the full MIME
message, doiuse-email (caniemail data) for Gmail and Apple Mail, WCAG ratios read from the email's own inline
colours in light and dark mode, Outlook's VML button, the size Gmail clips at, and no photo slot taller than 4:3."""

import io
import re

import httpx
import pytest
from PIL import Image

from app.proofs.palette import contrast_ratio
from tests.proofs.inbox import doiuse, mime_message, spamassassin_score
from tests.proofs.variants import LOGOS, LONG_TEXT, PHOTO_SETS
from tests.support.factories import UploadBuilder

CTA = "https://www.hibid.com/catalog/123456"
# Gmail's web, iOS and Android apps and Apple Mail on macOS and iOS. (gmail.mobile-webmail, the legacy mobile web
# view, supports no <style> at all: every email with a dark mode trips it, so it is not a target.)
CLIENTS = ["gmail.desktop-webmail", "gmail.ios", "gmail.android", "apple-mail.macos", "apple-mail.ios"]

VARIANTS = {  # name: (logo, photos, layout, long text)
    "pale-1-portrait": ("pale", 1, None, False),
    "dark-3-photos": ("dark", 3, None, False),
    "red-0-photos": ("red", 0, None, False),
    "transparent-3-single": ("transparent", 3, "single", False),
    "pale-3000-chars": ("pale", 3, "gallery", True),
    "red-1-gallery": ("red", 1, "gallery", False),
}


def inline(html: str, pattern: str) -> str:
    m = re.search(pattern, html, re.DOTALL)
    assert m, pattern
    return m.group(1)


def colours(html: str) -> dict[str, str]:
    """The colours the email itself declares: light from inline styles, dark from its prefers-color-scheme CSS."""
    button_block = html[html.index('class="dm-cta"') :]
    dark_css = inline(html, r"@media \(prefers-color-scheme: dark\) \{(.*?)\n      \}")
    badge = html[html.index("s-badge") :]
    header = html[html.index("s-header") :]
    return {
        "card": inline(html, r's-button[^"]*" [^>]*bgcolor="(#[0-9a-f]{6})"'),
        "button": inline(button_block, r'bgcolor="(#[0-9a-f]{6})"'),
        "label": inline(button_block, r"<a [^>]*color:(#[0-9a-f]{6})"),
        "dark_card": inline(dark_css, r"\.dm-card > table \{ background: (#[0-9a-f]{6})"),
        "dark_button": inline(dark_css, r"\.dm-cta a \{ background: (#[0-9a-f]{6})"),
        "dark_label": inline(dark_css, r"\.dm-cta a \{[^}]*; color: (#[0-9a-f]{6})"),
        "panel": inline(badge, r"background-color:(#[0-9a-f]{6})"),
        "panel_border": inline(badge, r"border-left:4px solid (#[0-9a-f]{6})"),
        "dark_panel": inline(dark_css, r"\.dm-badge > table > tbody > tr > td \{ background-color: (#[0-9a-f]{6})"),
        "dark_panel_border": inline(dark_css, r"\.dm-badge [^}]*border-left-color: (#[0-9a-f]{6})"),
        "header": inline(header, r'bgcolor="(#[0-9a-f]{6})"'),
        "logo_alt": inline(header, r"<img [^>]*color:(#[0-9a-f]{6})"),
        "dark_header": inline(dark_css, r"\.dm-header > table \{ background: (#[0-9a-f]{6})"),
        "dark_logo_alt": inline(dark_css, r"\.dm-header img \{ color: (#[0-9a-f]{6})"),
    }


@pytest.fixture(scope="module")
def produced() -> dict[str, tuple[str, str, dict]]:
    return {}


async def produce(uploads: UploadBuilder, client: httpx.AsyncClient, variant: str) -> tuple[str, str, dict]:
    """Upload, process and generate one variant; its email HTML, plain text and proof."""
    logo, photo_count, layout, long_text = VARIANTS[variant]
    fields = {"text_content": LONG_TEXT} if long_text else {}
    campaign = await uploads.create(
        logo=("logo.png", LOGOS[logo], "image/png"), heroes=PHOTO_SETS[photo_count], cta_url=CTA, **fields
    )
    cid = campaign["id"]
    assert (await client.post(f"/api/v1/process/{cid}")).status_code == 200
    r = await client.post(f"/api/v1/generate/{cid}", params={"layout": layout} if layout else {})
    assert r.status_code == 201, r.text
    proof = r.json()
    html = (await client.get(f"/api/v1/preview/{cid}", params={"format": "html", "version": proof["version"]})).text
    return html, proof["text"], proof


@pytest.mark.parametrize("variant", list(VARIANTS))
async def test_every_variant_passes_the_inbox_checks(
    uploads: UploadBuilder, client: httpx.AsyncClient, variant: str, produced: dict
):
    photo_count = VARIANTS[variant][1]
    html, text, proof = produced[variant] = await produce(uploads, client, variant)

    assert len(html.encode()) < 102 * 1024  # Gmail clips at 102 KB
    # Outlook for Windows: a VML button with the same colours and label as everyone else's.
    c = colours(html)
    vml = inline(html, r"(<v:roundrect .*?</v:roundrect>)")
    assert f'fillcolor="{c["button"]}"' in vml and f"color:{c['label']}" in vml
    assert html.count("<v:roundrect") == 2  # under the headline and after the sale details
    # Contrast, light and dark: the button stands out from its card, its label reads, panels and alt text show.
    for button, label, card in (("button", "label", "card"), ("dark_button", "dark_label", "dark_card")):
        assert contrast_ratio(c[button], c[card]) >= 3, (variant, button, c)
        assert contrast_ratio(c[label], c[button]) >= 4.5, (variant, label, c)
    for panel, border, card in (("panel", "panel_border", "card"), ("dark_panel", "dark_panel_border", "dark_card")):
        assert contrast_ratio(c[panel], c[card]) >= 1.25 or contrast_ratio(c[border], c[card]) >= 3, (variant, c)
    assert contrast_ratio(c["logo_alt"], c["header"]) >= 4.5, (variant, c)
    assert contrast_ratio(c["dark_logo_alt"], c["dark_header"]) >= 4.5, (variant, c)
    # The preheader is hidden, never white on white.
    preheader = inline(html, r'<div class="preheader" style="([^"]*)"')
    assert "display:none" in preheader and "mso-hide:all" in preheader and "color" not in preheader
    # No photo slot taller than 4:3.
    photos = re.findall(r'<img [^>]*src="http://testserver(/media/[^"]+)"', html)[1:]
    assert len(photos) == photo_count
    for src in photos:
        with Image.open(io.BytesIO((await client.get(src)).content)) as im:
            assert im.height / im.width <= 0.75 + 0.01, (variant, src, im.size)

    subject = inline(html, r"<title>\s*(.*?)\s*</title>")
    score, report = spamassassin_score(mime_message(html, text, subject))
    assert score <= 0, report[report.find("Content analysis") :]


async def test_caniemail_finds_no_errors_for_gmail_and_apple_mail(
    uploads: UploadBuilder, client: httpx.AsyncClient, produced: dict
):
    for variant in VARIANTS:  # the emails the variant tests made, or made here when this test runs first or alone
        if variant not in produced:
            produced[variant] = await produce(uploads, client, variant)
    assert len(produced) == len(VARIANTS)
    names = list(produced)
    results = doiuse([produced[n][0] for n in names], CLIENTS)
    for name, result in zip(names, results, strict=True):
        assert result["errors"] == [], (name, result["errors"])
