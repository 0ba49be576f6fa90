"""Proof checks: each finding a sender must see."""

from app.proofs.checks import check_proof
from app.proofs.render import EmailContent, EmailImage, render_email


def content(**overrides) -> EmailContent:
    base = dict(
        subject="Winter sale",
        preheader="Dec 12 at 10 AM",
        headline="Winter sale",
        paragraphs=["Come bid."],
        cta_text="Bid now",
        cta_href="https://example.com/catalog",
        advertiser_name="Smith & Sons",
        logo=EmailImage("https://cdn.example/logo.png", "Smith logo", 200),
        heroes=[EmailImage("https://cdn.example/h1.jpg", "A chair")],
    )
    base.update(overrides)
    return EmailContent(**base)


def codes(html: str, c: EmailContent, clip: int = 102 * 1024) -> set[str]:
    return {w["code"] for w in check_proof(html, c, clip_bytes=clip)}


def test_clean_email_has_no_errors():
    c = content()
    html, _ = render_email(c)
    assert codes(html, c) == set()


def test_gmail_clip_missing_alt_bad_link_and_long_subject():
    c = content(subject="x" * 70, cta_href=None, preheader=" ")
    html, _ = render_email(c)
    html += '<img src="https://cdn.example/x.png"><a href="javascript:alert(1)">x</a>'
    found = codes(html, c, clip=1024)
    assert {"gmail_clip", "missing_alt", "bad_link", "long_subject", "no_cta_url", "missing_preheader"} <= found


def test_plain_text_comes_from_content():
    c = content(highlights=[{"label": "Date", "value": "Dec 12"}], paragraphs=["Come bid. " * 40])
    _, text = render_email(c)
    assert text.startswith("Winter sale\n")
    assert "Date: Dec 12" in text
    assert "Bid now:\nhttps://example.com/catalog\n" in text
    assert all(len(line) <= 72 or line.startswith("http") for line in text.splitlines())
    assert "auction news from\nSmith & Sons.\n" in text  # the advertiser's lines, wrapped


def test_low_contrast_heavy_images_and_missing_lang():
    from dataclasses import replace

    from app.proofs.palette import DEFAULT_PALETTE

    grey_on_grey = replace(DEFAULT_PALETTE, button="#999999", button_text="#aaaaaa", text="#cccccc")
    c = content(
        palette=grey_on_grey,
        heroes=[EmailImage(f"https://cdn.example/h{i}.jpg", "A chair", 600, 400_000) for i in range(3)],
    )
    html, _ = render_email(c)
    warnings = check_proof(html.replace(' lang="en"', "", 1), c, clip_bytes=102 * 1024, image_budget_bytes=1_000_000)
    by_code = {}
    for w in warnings:
        by_code.setdefault(w["code"], []).append(w)
    assert by_code["missing_lang"][0]["severity"] == "warning"
    assert by_code["heavy_images"][0]["severity"] == "warning"
    assert "1172 KB" in by_code["heavy_images"][0]["message"]
    contrast = {w["message"].split(" has ")[0] for w in by_code["low_contrast"]}
    assert {"The cta", "The body text"} <= contrast
    assert any(w["severity"] == "error" for w in by_code["low_contrast"])  # an unreadable button blocks


def test_quotes_and_markup_in_alt_text_and_links_stay_inside_their_attributes():
    from html.parser import HTMLParser

    alt = 'The "Big" <chair> & onerror=alert(1)'
    href = 'https://example.com/catalog?a=1&b="2"'
    subject = 'Smith & Sons: "Winter" <Estate> sale'
    c = content(heroes=[EmailImage("https://cdn.example/h1.jpg", alt)], cta_href=href, subject=subject)
    html, _ = render_email(c)

    class Attrs(HTMLParser):
        found: list[tuple[str, dict]] = []

        def handle_starttag(self, tag, attrs):
            self.found.append((tag, dict(attrs)))

    parser = Attrs()
    parser.feed(html)
    imgs = [a for t, a in parser.found if t == "img"]
    assert imgs[1]["alt"] == alt and "onerror" not in imgs[1]
    article = next(a for t, a in parser.found if a.get("role") == "article")
    assert article["aria-label"] == subject and "winter" not in article
    assert [a["href"] for t, a in parser.found if t == "a"].count(href) == 3  # the photo and both buttons
    assert codes(html, c) == set()
