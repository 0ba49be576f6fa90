"""The offline writer: usable copy built only from the advertiser's facts."""

import re
import uuid

from app.copywriting.facts import extract_facts, numbers_in
from app.copywriting.offline import compose_offline_copy, fit
from app.copywriting.schemas import CopyBrief, ImageBrief
from tests.support.factories import SALE_TEXT


def brief(text: str = SALE_TEXT, tone: str = "professional", heroes: int = 2) -> CopyBrief:
    images = [ImageBrief(asset_id=uuid.uuid4(), role="logo", position=0, width=300, height=100)]
    images += [
        ImageBrief(asset_id=uuid.uuid4(), role="hero", position=i, width=1200, height=900) for i in range(heroes)
    ]
    return CopyBrief(
        campaign_name="Annual Winter Estate Auction",
        advertiser_name="Smith & Sons Auctioneers",
        text_content=text,
        tone=tone,
        cta_url="https://www.hibid.com/catalog/1",
        images=images,
    )


def test_facts_are_found_in_free_text():
    facts = extract_facts(SALE_TEXT)
    assert facts.dates[0] == "Saturday, December 12, 2026"
    assert facts.times[0] == "10:00 AM CST"
    assert facts.place == "Grand Pavilion, Springfield, IL"
    assert facts.lots == "350 lots"
    assert "sterling silver" in facts.featured
    assert facts.online


def test_copy_respects_every_limit_and_covers_every_image():
    b = brief()
    draft = compose_offline_copy(b)
    assert len(draft.subject_lines) == 3
    assert len({s.lower() for s in draft.subject_lines}) == 3
    assert all(len(s) <= 60 for s in draft.subject_lines)
    assert len(draft.preheader) <= 100
    assert 1 <= len(draft.paragraphs) <= 3
    assert len(draft.cta_text) <= 25
    assert set(draft.alt_texts) == {str(i.asset_id) for i in b.images}
    assert all(alt.strip() for alt in draft.alt_texts.values())
    labels = {h.label: h.value for h in draft.highlights}
    assert labels["Location"] == "Grand Pavilion"


def test_copy_never_invents_numbers():
    b = brief()
    draft = compose_offline_copy(b)
    written = " ".join(
        [*draft.subject_lines, draft.preheader, draft.headline, *draft.paragraphs, draft.cta_text]
        + [h.value for h in draft.highlights]
    )
    allowed = numbers_in(b.text_content + " " + b.campaign_name)
    assert numbers_in(written) <= allowed


def test_same_inputs_same_copy_and_tone_changes_voice():
    same = brief()
    assert compose_offline_copy(same) == compose_offline_copy(same)
    assert compose_offline_copy(brief(tone="urgent")).cta_text == "Bid now"
    assert any("Last chance" in s for s in compose_offline_copy(brief(tone="urgent")).subject_lines)


def test_sparse_text_still_gives_three_distinct_subjects():
    draft = compose_offline_copy(brief(text="", heroes=0))
    assert len({s.lower() for s in draft.subject_lines}) == 3
    assert draft.preheader
    assert draft.paragraphs


def test_long_text_fills_the_body_within_the_copy_limits():
    long_text = " ".join(f"Sentence number {i} describes lot {i} in detail." for i in range(200))
    draft = compose_offline_copy(brief(text=long_text[:5000]))
    body = " ".join(draft.paragraphs)
    assert 1500 < len(body) <= 3 * 700  # more than two short paragraphs, never past the limits
    assert "Sentence number 30 describes lot 30 in detail." in body


def test_fit_cuts_at_a_word_boundary():
    assert fit("one two three four", 10) == "one two…"
    assert fit("short", 10) == "short"
    assert not re.search(r"\s…", fit("alpha beta gamma delta", 12))


def test_sentences_with_web_or_email_addresses_stay_out_of_the_body():
    text = "Estate sale this Saturday. Visit www.smith-auctions.com or write to bids@smith.com. Everything goes."
    draft = compose_offline_copy(brief(text=text))
    body = " ".join([draft.preheader, *draft.paragraphs])
    assert "smith-auctions" not in body.lower() and "@" not in body
    assert "Everything goes." in draft.paragraphs[0]


def test_shouting_is_calmed_and_acronyms_survive():
    draft = compose_offline_copy(brief(text="ALL ITEMS MUST GO!!! Pickup in Springfield, IL on Monday."))
    assert "All items must go! Pickup in Springfield, IL" in draft.paragraphs[0]
    assert "!!" not in draft.preheader


def test_no_text_still_gives_an_inviting_first_paragraph():
    draft = compose_offline_copy(brief(text=""))
    assert draft.paragraphs[0] == "Smith & Sons Auctioneers presents the Annual Winter Estate Auction."


def test_how_to_bid_is_a_highlight():
    labels = {h.label: h.value for h in compose_offline_copy(brief()).highlights}
    assert labels["Bidding"] == "Online and in person"
    online_only = compose_offline_copy(brief(text="Timed online auction of 200 lots, closing Sunday."))
    assert {h.label: h.value for h in online_only.highlights}["Bidding"] == "Online"


# --- Copy that sells: a handful of different announcements, each with its own facts record. ---

from app.copywriting.facts_record import AuctionFactsRecord, FeaturedItem, SaleEvent  # noqa: E402

SALES = {
    "timed farm": (
        "Whitfield Estate Auction (phone)",
        "Online-only timed auction closes Sunday, March 8 at 7 PM. Tractors, combines and tillage. "
        "Preview Saturday, March 7 from 9 AM. Pickup Monday, March 9.",
        AuctionFactsRecord(
            sale_format="online_timed",
            events=[
                SaleEvent(role="sale_closes", text="Sunday, March 8 at 7 PM", date="Sunday, March 8", time="7 PM"),
                SaleEvent(role="preview", text="Saturday, March 7 from 9 AM", date="Saturday, March 7"),
                SaleEvent(role="pickup", text="Monday, March 9", date="Monday, March 9"),
            ],
            lot_count="21 lots",
            featured_items=[FeaturedItem(name="John Deere 4020", lot_number="7")],
        ),
    ),
    "live estate": (
        "Annual Winter Estate Auction",
        "The sale begins Saturday, December 12 at 10 AM at the Grand Pavilion. Furniture, silver and art.",
        AuctionFactsRecord(
            sale_format="live",
            events=[SaleEvent(role="sale_starts", text="Saturday, December 12 at 10 AM", date="Saturday, December 12")],
            venue="Grand Pavilion",
            lot_count="350 lots",
            featured_items=[FeaturedItem(name="1965 Ford Mustang")],
        ),
    ),
    "long names": (
        "Federal & State Surplus Vehicles, Heavy Equipment & Government Property Liquidation",
        "Webcast auction of government surplus. Bidding begins Thursday, October 1 at 9 AM Eastern.",
        AuctionFactsRecord(
            sale_format="live_webcast",
            events=[
                SaleEvent(role="sale_starts", text="Thursday, October 1 at 9 AM Eastern", date="Thursday, October 1")
            ],
            venue="Municipal Fairgrounds Exhibition Hall of the County of Santa Barbara",
            featured_items=[
                FeaturedItem(name="2019 Ford F-550 Super Duty crew cab chassis with 12-foot dump body & plow"),
                FeaturedItem(name="Caterpillar 420F backhoe"),
            ],
        ),
    ),
    "british coins": (
        "Coins & Medals, May",
        "Coins and medals at the Corn Exchange, Ludlow SY8 1AA. The sale begins Tuesday 14th May at 11am. "
        "A full colour catalogue is online. Buyer's premium 20% plus VAT.",
        AuctionFactsRecord(
            sale_format="live",
            events=[SaleEvent(role="sale_starts", text="Tuesday 14th May at 11am", date="Tuesday 14th May")],
            venue="Corn Exchange",
            featured_items=[FeaturedItem(name="George III gold guinea")],
        ),
    ),
    "nothing but a name": ("Spring Consignment Sale", "Consignments welcome.", AuctionFactsRecord()),
}
TONES = ("professional", "friendly", "urgent", "luxury")


def sale_brief(key: str, tone: str = "professional") -> tuple[CopyBrief, AuctionFactsRecord]:
    name, text, record = SALES[key]
    b = brief(text=text, tone=tone).model_copy(update={"campaign_name": name})
    return b, record


def test_headline_and_subject_lines_lead_with_what_bidders_come_for():
    for key in SALES:
        for tone in TONES:
            b, record = sale_brief(key, tone)
            draft = compose_offline_copy(b, record)
            assert draft.headline.casefold() != b.campaign_name.casefold(), (key, tone)
            assert all(s.casefold() != b.campaign_name.casefold() for s in draft.subject_lines)
            lures = [i.name for i in record.featured_items] + [e.date or "" for e in record.events]
            lures = [x for x in [*lures, record.venue or "", record.lot_count or ""] if x]
            if lures:
                assert b.campaign_name not in draft.headline, (key, tone)
                assert any(x in draft.headline for x in lures), (key, tone, draft.headline)
                assert sum(any(x in s for x in lures) for s in draft.subject_lines) >= 2, (key, tone)


def test_three_subject_lines_distinct_in_angle_and_never_cut():
    for key in SALES:
        for tone in TONES:
            b, record = sale_brief(key, tone)
            lines = compose_offline_copy(b, record).subject_lines
            assert len({s.casefold() for s in lines}) == 3
            for line in lines:
                assert len(line) <= 60, line
                assert "…" not in line and not re.search(r"(&|\bof|\band|,|\(|:|-)\s*$", line), line
                assert line.count("(") == line.count(")"), line
            if record.featured_items and record.events and record.venue:
                item, date, place = record.featured_items[-1].name, record.events[0].date or "", record.venue
                angles = (
                    [any(i.name in s for i in record.featured_items) for s in lines],
                    [date in s for s in lines],
                    [place in s for s in lines],
                )
                # Each angle (what, when, where) leads its own line when it fits in 60 characters.
                assert sum(any(a) for a in angles) >= 2, (key, tone, lines, item)


def test_wording_follows_the_sale_format():
    timed = compose_offline_copy(*sale_brief("timed farm"))
    words = " ".join([timed.headline, *timed.subject_lines, *timed.paragraphs]).casefold()
    assert "closes" in words and "begins" not in words
    assert "Preview: Saturday, March 7 from 9 AM." in " ".join(timed.paragraphs)
    assert "Pickup: Monday, March 9." in " ".join(timed.paragraphs)
    assert {h.label for h in timed.highlights} >= {"Bidding closes", "Preview", "Pickup"}
    assert "opens" not in timed.paragraphs[-1]  # never "ready when bidding opens" for a sale that closes
    live = compose_offline_copy(*sale_brief("live estate"))
    words = " ".join([live.headline, *live.subject_lines, *live.paragraphs]).casefold()
    assert "begins" in words and "closes" not in words


def test_the_four_tones_differ_in_voice_throughout():
    for key in SALES:
        drafts = [compose_offline_copy(*sale_brief(key, tone)) for tone in TONES]
        assert len({d.headline for d in drafts}) == 4, key
        assert len({d.paragraphs[0].split(".")[0].split("!")[0] for d in drafts}) == 4, key  # the opening
        assert len({d.paragraphs[-1].split(". ")[-1] for d in drafts}) == 4, key  # the closing
        assert len({d.cta_text for d in drafts}) == 4, key
        assert len({tuple(d.subject_lines) for d in drafts}) == 4, key


def test_us_spelling_unless_the_advertiser_writes_british():
    for key in ("timed farm", "live estate"):
        for tone in TONES:
            d = compose_offline_copy(*sale_brief(key, tone))
            words = " ".join([*d.subject_lines, d.headline, *d.paragraphs, d.cta_text])
            assert not re.search(r"catalogue|favourite|colour", words), (key, tone)
    british = [compose_offline_copy(*sale_brief("british coins", tone)) for tone in TONES]
    assert british[0].cta_text == "View the catalogue"
    assert "favourites" in british[1].paragraphs[-1]


def test_offline_writer_p95_is_under_100_ms_on_3000_character_texts():
    import time

    sentences = [
        "Lot {i}: a {w} oak sideboard with original brass pulls, estimate ${i}00-{i}50.",
        "Preview Friday, May {d} from 9 AM to 4 PM at the Grand Pavilion, 1450 County Road 12, Ames, IA.",
        "Call (515) 555-01{i:02d} or e-mail bids@example.com with questions about lot {i}.",
    ]
    texts = []
    for n in range(20):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < 3000:
            i = len(parts) + n
            parts.append(sentences[i % 3].format(i=i % 90 + 1, w="fine" if i % 2 else "Victorian", d=i % 27 + 1))
        texts.append(" ".join(parts)[:3100])
    timings = []
    for text in texts:
        for tone in TONES:
            b = brief(text=text, tone=tone)
            # CPU time of this thread: the writer's own cost, not the wait for a core on a shared CI machine
            # (wall time under load read 128 ms for 40 ms of work). Wall-clock p95 under load: bench copy.
            started = time.thread_time()
            compose_offline_copy(b)  # the record parsed from the text, as the writer does without one
            timings.append(time.thread_time() - started)
    timings.sort()
    assert timings[int(len(timings) * 0.95)] <= 0.100
