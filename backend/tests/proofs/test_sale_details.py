"""The email keeps every fact of the record, and shows nothing as fact that no source states."""

import uuid
from html.parser import HTMLParser

from app.campaigns.models import Asset, AssetRole, Campaign
from app.copywriting.facts_record import (
    AuctionFactsRecord,
    FeaturedItem,
    SaleContact,
    SaleEvent,
    SaleTerms,
)
from app.copywriting.models import CopyVersion
from app.proofs.checks import check_proof
from app.proofs.render import EmailContent, EmailImage, render_email
from app.proofs.sale_details import build_sale_details, listed_facts, squash
from app.proofs.service import build_content

CLIP = 102 * 1024
TEXT = (
    "Whitfield Farm Retirement Auction. Online-only timed auction closes Sunday, March 8 at 7 PM CST "
    "and continues through Sunday, March 22. Held at Whitfield Farm, 1450 County Road 12, Ames, IA 50010. "
    "21 lots including a John Deere 4020 (Lot 7, est. $12,000-15,000). Preview Saturday, March 7 from 9 AM. "
    "Pickup Monday, March 9, 8 AM-5 PM. 10% buyer's premium; $500 deposit. Cash, check or card. 7% sales tax. "
    "Call (515) 555-0142 or 515-555-0199, e-mail bids@whitfield-auctions.com. Iowa license #A-2291. "
    'Photos at www.whitfield-auctions.com/sale/42. Bring a <trailer> & straps — "no" exceptions!'
)


def record() -> AuctionFactsRecord:
    return AuctionFactsRecord(
        sale_format="online_timed",
        events=[
            SaleEvent(role="sale_closes", text="Sunday, March 8 at 7 PM CST", date="Sunday, March 8", time="7 PM"),
            SaleEvent(role="other", text="through Sunday, March 22", date="Sunday, March 22"),
            SaleEvent(role="preview", text="Saturday, March 7 from 9 AM", date="Saturday, March 7", time="9 AM"),
            SaleEvent(role="pickup", text="Monday, March 9, 8 AM-5 PM", date="Monday, March 9", time="8 AM"),
        ],
        venue="Whitfield Farm",
        street_address="1450 County Road 12, Ames, IA 50010",
        lot_count="21 lots",
        featured_items=[FeaturedItem(name="John Deere 4020", lot_number="7", estimate="$12,000-15,000")],
        amounts=["$12,000-15,000", "$500"],
        terms=SaleTerms(
            buyers_premium="10% buyer's premium",
            deposit="$500 deposit",
            payment_methods=["Cash", "check", "card"],
            tax="7% sales tax",
        ),
        contact=SaleContact(
            phones=["(515) 555-0142", "515-555-0199"], emails=["bids@whitfield-auctions.com"], licences=["#A-2291"]
        ),
        urls=["www.whitfield-auctions.com/sale/42"],
        unplaced=['Bring a <trailer> & straps — "no" exceptions!'],
    )


class Seen(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("head", "style", "title"):
            self._hidden += 1
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag):
        if tag in ("head", "style", "title"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.text.append(data)


def content(rec: AuctionFactsRecord | None, paragraphs: list[str], *, block: bool = True) -> EmailContent:
    return EmailContent(
        subject="John Deere 4020 and more at auction",
        preheader="Sunday, March 8 at 7 PM CST",
        headline="A John Deere 4020 at auction",
        paragraphs=paragraphs,
        cta_text="View the catalog",
        cta_href="https://www.hibid.com/catalog/77?utm_source=hibid&utm_medium=email&utm_campaign=whitfield",
        advertiser_name="Whitfield Auctions",
        logo=EmailImage("https://media.example/logo.png", "Whitfield logo", 200),
        heroes=[EmailImage("https://media.example/h.jpg", "A tractor")],
        sale_details=build_sale_details(rec, source_text=TEXT) if (rec and block) else [],
        facts=rec,
        advertiser_words="\n".join(["Whitfield Farm Retirement", "Whitfield Auctions", TEXT]),
    )


def seen(html: str) -> tuple[str, list[str]]:
    parser = Seen()
    parser.feed(html)
    return " ".join(parser.text), parser.links


def test_every_fact_of_the_record_is_in_the_html_and_the_text_whatever_the_copy_says():
    rec = record()
    c = content(rec, ["Come and bid."])  # a writer that kept nothing
    html, text = render_email(c)
    shown, links = seen(html)
    for fact in listed_facts(rec):
        assert squash(fact.value) in squash(shown), fact
        assert squash(fact.value) in squash(text), fact
    # The roles are named, so "March 22" is not mistaken for the close.
    assert "Bidding closes: Sunday, March 8 at 7 PM CST" in shown
    assert "Preview: Saturday, March 7 from 9 AM" in shown and "Pickup: Monday, March 9, 8 AM-5 PM" in text
    assert {"tel:(515)5550142", "tel:515-555-0199"}.isdisjoint(links)  # tel: links carry digits only
    assert {"tel:5155550142", "tel:5155550199", "mailto:bids@whitfield-auctions.com"} <= set(links)
    assert not [link for link in links if "whitfield-auctions.com/sale" in link]  # the button is the one web link
    # Text is data: the advertiser's sentence comes out exactly, never as markup.
    assert 'Bring a <trailer> & straps — "no" exceptions!' in shown
    assert "<trailer>" not in html
    assert 'Bring a <trailer> & straps — "no" exceptions!' in text
    warnings = check_proof(html, c, clip_bytes=CLIP, text=text)
    assert [w for w in warnings if w["code"] in ("fact_missing", "invented_fact")] == []


def test_a_fact_the_email_leaves_out_is_named_in_a_warning():
    rec = record()
    c = content(rec, ["Bidding closes Sunday, March 8 at 7 PM CST."], block=False)
    html, text = render_email(c)
    missing = [w["message"] for w in check_proof(html, c, clip_bytes=CLIP, text=text) if w["code"] == "fact_missing"]
    assert any("street address" in m and "1450 County Road 12" in m for m in missing)
    assert any("phone number" in m and "(515) 555-0142" in m for m in missing)
    assert not any("Sunday, March 8 at 7 PM CST" in m for m in missing)  # the copy has that one


def test_the_block_does_not_repeat_a_sentence_the_copy_already_quotes():
    rec = record()
    quoted = 'Bring a <trailer> & straps — "no" exceptions!'
    groups = build_sale_details(rec, copy_text=f"Come bid. {quoted}", source_text=TEXT)
    assert "More details" not in [g.title for g in groups]
    groups = build_sale_details(rec, copy_text="Come bid.", source_text=TEXT)
    assert [line.text for g in groups if g.title == "More details" for line in g.lines] == [quoted]


def test_an_amount_no_line_shows_comes_with_the_advertisers_sentence():
    rec = AuctionFactsRecord(amounts=["$25"], unplaced=[])
    groups = build_sale_details(rec, source_text="Lots open at $25 each. Come early.")
    assert [(g.title, [line.text for line in g.lines]) for g in groups] == [
        ("More details", ["Lots open at $25 each."])
    ]


def test_dates_times_amounts_phones_emails_and_urls_the_record_lacks_are_flagged():
    rec = record()
    invented = [
        "Bidding closes Sunday, March 15 at 8 PM.",
        "Call 515-555-0100 or write to sales@example.org; bids from $25; see https://other.example/x.",
    ]
    c = content(rec, invented)
    html, text = render_email(c)
    messages = [w["message"] for w in check_proof(html, c, clip_bytes=CLIP, text=text) if w["code"] == "invented_fact"]
    for token in ("March 15", "8 PM", "515-555-0100", "sales@example.org", "$25", "https://other.example/x"):
        assert any(f'"{token}"' in m for m in messages), (token, messages)
    # Restating the record's facts in other words is not inventing them.
    c = content(rec, ["Bidding closes Sun., Mar. 8th at 7:00 p.m. Call 515.555.0142. 10% premium."])
    html, text = render_email(c)
    assert [w for w in check_proof(html, c, clip_bytes=CLIP, text=text) if w["code"] == "invented_fact"] == []


def test_the_proof_takes_the_record_from_the_copy_version(settings):
    campaign = Campaign(
        campaign_name="Whitfield Farm Retirement",
        advertiser_name="Whitfield Auctions",
        slug="whitfield",
        text_content=TEXT,
        cta_url="https://www.hibid.com/catalog/77",
    )
    logo = Asset(
        campaign_id=campaign.id,
        role=AssetRole.logo,
        filename="l.png",
        content_type="image/png",
        original_key="k",
        original_bytes=1,
        key="campaigns/x/logo.png",
        bytes=1,
        width=300,
        height=100,
    )
    copy = CopyVersion(
        campaign_id=campaign.id,
        version=1,
        source="offline",
        subject_lines=["a", "b", "c"],
        preheader="p",
        headline="h",
        paragraphs=["Come bid."],
        cta_text="Bid",
        alt_texts={},
        input_hash="x",
        facts=record().model_dump(),
    )
    built = build_content(campaign, copy, [logo], settings)
    assert built.facts == record()
    _, text = render_email(built)
    assert "1450 County Road 12, Ames, IA 50010" in text
    assert "License: #A-2291" in text  # US spelling for an American advertiser
    old = copy.model_copy(update={"facts": None, "id": uuid.uuid4()})
    # A version from before records were kept gets one parsed from the campaign's text.
    _, old_text = render_email(build_content(campaign, old, [logo], settings))
    assert "1450 County Road 12" in old_text and "(515) 555-0142" in old_text
