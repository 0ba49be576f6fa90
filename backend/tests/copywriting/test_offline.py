"""The offline writer: usable copy built only from the advertiser's facts."""

import re
import uuid

from app.copywriting.facts import extract_facts, numbers_in
from app.copywriting.offline import compose_offline_copy, fit
from app.copywriting.schemas import CopyBrief, ImageBrief
from tests.factories import SALE_TEXT


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
    assert labels["Location"] == "Grand Pavilion, Springfield, IL"


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


def test_long_text_is_trimmed_to_a_readable_body():
    long_text = " ".join(f"Sentence number {i} describes lot {i} in detail." for i in range(200))
    draft = compose_offline_copy(brief(text=long_text[:5000]))
    assert sum(len(p) for p in draft.paragraphs) < 1500


def test_fit_cuts_at_a_word_boundary():
    assert fit("one two three four", 10) == "one two…"
    assert fit("short", 10) == "short"
    assert not re.search(r"\s…", fit("alpha beta gamma delta", 12))


def test_sentences_with_web_or_email_addresses_stay_out_of_the_body():
    text = "Estate sale this Saturday. Visit www.smith-auctions.com or write to bids@smith.com. Everything goes."
    draft = compose_offline_copy(brief(text=text))
    body = " ".join([draft.preheader, *draft.paragraphs])
    assert "smith" not in body.lower() and "@" not in body
    assert "Everything goes." in draft.paragraphs[0]


def test_shouting_is_calmed_and_acronyms_survive():
    draft = compose_offline_copy(brief(text="ALL ITEMS MUST GO!!! Pickup in Springfield, IL on Monday."))
    assert draft.paragraphs[0].startswith("All items must go! Pickup in Springfield, IL")
    assert "!!" not in draft.preheader


def test_no_text_still_gives_an_inviting_first_paragraph():
    draft = compose_offline_copy(brief(text=""))
    assert draft.paragraphs[0] == (
        "You're invited: Annual Winter Estate Auction, presented by Smith & Sons Auctioneers."
    )


def test_how_to_bid_is_a_highlight():
    labels = {h.label: h.value for h in compose_offline_copy(brief()).highlights}
    assert labels["Bidding"] == "Online and in person"
    online_only = compose_offline_copy(brief(text="Timed online auction of 200 lots, closing Sunday."))
    assert {h.label: h.value for h in online_only.highlights}["Bidding"] == "Online"
