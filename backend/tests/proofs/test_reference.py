"""Our compiler (PyPI mjml) against the reference (npm mjml, run with node) on every layout.

Both must produce the same images, links and text from the same MJML source, and the same pixels. The remaining
differences (markup details) are listed in docs/EMAIL.md with their effect in email clients.
"""

import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from app.copywriting.facts_record import AuctionFactsRecord, FeaturedItem, SaleContact, SaleEvent
from app.proofs.palette import brand_palette
from app.proofs.render import EmailContent, EmailImage, compile_mjml, finish_html, render_email, render_mjml
from app.proofs.sale_details import build_sale_details
from app.proofs.screenshots import ProofRenderer
from tests.support.factories import png

REFERENCE_DIR = Path(__file__).parent / "mjml_reference"


class Visible(HTMLParser):
    """Images, links and the text a reader sees, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[tuple[str | None, str | None]] = []
        self.links: list[str | None] = []
        self.text: list[str] = []
        self.head_title = ""
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("style", "script"):
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "img":
            self.images.append((a.get("src"), a.get("alt")))
        elif tag == "a":
            self.links.append(a.get("href"))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.head_title += data.strip()
        elif not self._skip and data.strip():
            self.text.append(re.sub(r"\s+", " ", data.strip()))


def visible(html: str) -> Visible:
    parser = Visible()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def reference_compile():
    node = shutil.which("node")
    assert node, "node is required for the reference compiler (Debian: apt-get install nodejs npm)"
    if not (REFERENCE_DIR / "node_modules" / "mjml").is_dir():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=REFERENCE_DIR, check=True, timeout=600
        )

    def compile_all(sources: list[str]) -> list[dict]:
        done = subprocess.run(
            [node, "compile.js"],
            input=json.dumps(sources),
            cwd=REFERENCE_DIR,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        return json.loads(done.stdout)

    return compile_all


def sample(layout: str, heroes: int) -> EmailContent:
    # Quotes, ampersands and angle brackets everywhere: escaping is where compilers differ most.
    return EmailContent(
        subject='Smith & Sons: "Winter" <Estate> Auction',
        preheader="Saturday 10 AM — 350 lots & a 1965 Mustang",
        headline='The "Winter" Estate Auction & more',
        paragraphs=["Over 350 lots: furniture, silver & <fine> art.", "Preview Friday from 2 PM."],
        cta_text="View the catalog",
        cta_href="https://www.hibid.com/catalog/1?a=1&b=%22x%22&utm_source=hibid",
        advertiser_name="Smith & Sons Auctioneers",
        logo=EmailImage("https://media.example/logo.png", 'Smith & Sons "logo"', 240),
        heroes=[
            EmailImage(f"https://media.example/h{i}.jpg", f'Lot {i + 1}: a "fine" chair & <table>')
            for i in range(heroes)
        ],
        highlights=[{"label": "Date", "value": "Dec 12, 2026"}, {"label": "Location", "value": "Grand Pavilion, IL"}],
        palette=brand_palette(png(color=(20, 60, 120))),
        layout=layout,  # type: ignore[arg-type]
        sale_details=build_sale_details(
            AuctionFactsRecord(
                events=[SaleEvent(role="preview", text='Friday "late" from 2 PM & <later>')],
                venue="Smith & Sons' <Barn>",
                featured_items=[FeaturedItem(name='A "fine" chair & <table>', lot_number="7", estimate="$2,000-3,000")],
                contact=SaleContact(phones=["(515) 555-0142"], emails=["bids@smith.com"]),
                urls=['www.smith.example/sale?a=1&b="2"'],
                unplaced=['Bring a <trailer> & straps — "no" exceptions!'],
            )
        ),
    )


CASES = [(layout, heroes) for layout in ("single", "gallery") for heroes in (1, 2, 3)]


def test_same_images_links_and_text_as_the_reference_compiler(reference_compile):
    contents = [sample(layout, heroes) for layout, heroes in CASES]
    reference = reference_compile([render_mjml(c, for_reference=True) for c in contents])
    for (layout, heroes), content, ref in zip(CASES, contents, reference, strict=True):
        assert ref["errors"] == [], (layout, heroes, ref["errors"])
        ours, theirs = visible(compile_mjml(render_mjml(content))), visible(ref["html"])
        case = f"{layout} with {heroes} photo(s)"
        assert ours.images == theirs.images, case
        assert len(ours.images) == heroes + 1
        assert ours.images[1][1] == 'Lot 1: a "fine" chair & <table>', case  # decoded exactly once
        assert ours.links == theirs.links, case
        assert content.cta_href in ours.links
        assert ours.text == theirs.text, case
        assert 'Bring a <trailer> & straps — "no" exceptions!' in ours.text, case  # the sale details, decoded once
        assert {"tel:5155550142", "mailto:bids@smith.com"} <= set(ours.links), case
        assert 'www.smith.example/sale?a=1&b="2"' in ours.text, case
        assert ours.head_title == theirs.head_title == content.subject, case


async def test_reference_html_looks_pixel_identical_in_chromium(reference_compile):
    """Both compilers' HTML, screenshotted desktop/mobile × light/dark, give the very same pixels."""
    cases = [("single", 1), ("gallery", 3)]
    contents = [sample(layout, heroes) for layout, heroes in cases]
    reference = reference_compile([render_mjml(c, for_reference=True) for c in contents])
    renderer = ProofRenderer(Path("/usr/bin/chromium"))
    try:
        for (layout, heroes), content, ref in zip(cases, contents, reference, strict=True):
            ours = render_email(content)[0]
            for device in ("desktop", "mobile"):
                for theme in ("light", "dark"):
                    a = Image.open(io.BytesIO(await renderer.screenshot(ours, device, theme))).convert("RGB")
                    theirs = finish_html(ref["html"], content)  # the same finishing touches as ours
                    b = Image.open(io.BytesIO(await renderer.screenshot(theirs, device, theme))).convert("RGB")
                    assert a.size == b.size, (layout, heroes, device, theme)
                    assert ImageChops.difference(a, b).getbbox() is None, (layout, heroes, device, theme)
    finally:
        await renderer.close()
