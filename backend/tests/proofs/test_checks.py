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
    c = content(highlights=[{"label": "Date", "value": "Dec 12"}])
    _, text = render_email(c)
    assert text.startswith("Winter sale\n")
    assert "Date: Dec 12" in text
    assert "Bid now: https://example.com/catalog" in text
