"""The fact guard: no links or markup in the copy, and every fact the advertiser did not write flagged."""

import uuid

from app.copywriting.fact_guard import digit_groups, guard_copy, strip_links_and_markup
from app.copywriting.offline import compose_offline_copy
from app.copywriting.schemas import CopyBrief, CopyDraft, Highlight, ImageBrief
from tests.support.factories import SALE_TEXT


def brief(text: str = SALE_TEXT, feedback: str | None = None) -> CopyBrief:
    return CopyBrief(
        campaign_name="Annual Winter Estate Auction",
        advertiser_name="Smith & Sons Auctioneers",
        text_content=text,
        tone="professional",
        cta_url="https://www.hibid.com/catalog/987654",
        images=[ImageBrief(asset_id=uuid.uuid4(), role="logo", position=0, width=300, height=100)],
        feedback=feedback,
    )


def draft(**changes: object) -> CopyDraft:
    values: dict[str, object] = {
        "subject_lines": ["Winter auction", "350 lots to bid on", "Sterling silver, fine art and more"],
        "preheader": "Saturday, December 12 at 10 AM, Grand Pavilion",
        "headline": "Annual Winter Estate Auction",
        "paragraphs": ["Join us on Saturday, Dec. 12th, 2026 at 10:00 a.m. for over 350 lots."],
        "cta_text": "View the catalog",
        "highlights": [Highlight(label="Preview", value="Friday from 2 PM")],
    }
    return CopyDraft.model_validate(values | changes)


def guard(d: CopyDraft, b: CopyBrief | None = None):
    b = b or brief()
    return guard_copy(d, b, lambda: compose_offline_copy(b))


def codes(result) -> list[str]:
    return [w["code"] for w in result.warnings]


def test_facts_from_the_advertiser_pass_in_any_spelling():
    result = guard(draft())
    assert result.warnings == []
    assert result.draft == draft()


def test_invented_number_date_time_and_price_are_each_flagged_once():
    result = guard(
        draft(
            subject_lines=["Winter auction", "Bids from $25 this week", "Over 400 lots"],
            paragraphs=["Join us Sunday, January 3 at 6 PM.", "Over 400 lots and bids from $25."],
        )
    )
    by_code = {w["code"]: w for w in result.warnings}
    assert codes(result).count("unverified_price") == 1
    assert (
        '"$25"' in by_code["unverified_price"]["message"] and "subject line 2" in by_code["unverified_price"]["message"]
    )
    assert "400" in by_code["unverified_number"]["message"]
    assert {"unverified_date", "unverified_time"} <= set(by_code)
    assert all(w["severity"] == "warning" for w in result.warnings)


def test_feedback_counts_as_the_advertisers_words():
    feedback = "Add that the buyer's premium is 10% and pickup is on Monday."
    result = guard(draft(paragraphs=["Buyer's premium 10%. Pickup Monday."]), brief(feedback=feedback))
    assert result.warnings == []


def test_ordinary_words_are_not_mistaken_for_dates():
    result = guard(draft(paragraphs=["May we suggest you mark the date? The sun sets early in winter."]))
    assert result.warnings == []


def test_links_emails_and_markup_are_removed_and_reported():
    result = guard(
        draft(
            headline="<h1>Annual</h1> **Winter** Auction",
            paragraphs=[
                "See [the catalog](https://evil.example/x) or www.evil.example, or write to bids@evil.example.",
                "smithauctions.com",
            ],
        )
    )
    assert result.draft.headline == "Annual Winter Auction"
    assert result.draft.paragraphs == ["See the catalog or or write to."]
    text = " ".join(result.draft.paragraphs)
    assert "evil" not in text and "smithauctions" not in text
    assert codes(result).count("link_removed") == 4
    assert "markup_removed" in codes(result)


def test_a_field_that_was_only_a_link_gets_the_offline_words():
    result = guard(
        draft(subject_lines=["https://evil.example", "Winter auction", "350 lots to bid on"], cta_text="www.x.com")
    )
    assert len(set(result.draft.subject_lines)) == 3 and all(result.draft.subject_lines)
    assert result.draft.cta_text == "View the catalog"


def test_digit_groups_normalise_separators_and_leading_zeros():
    assert digit_groups("$1,500.00 on 09/12 at 10:00") == {"1500", "0", "9", "12", "10"}


def test_strip_keeps_plain_text_untouched():
    text = "Lot 12: a 1965 Ford Mustang, e.g. the star of the sale. St. Louis pickup."
    assert strip_links_and_markup(text) == (text, [], False)
