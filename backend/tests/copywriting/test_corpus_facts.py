"""The parser against the hand-annotated corpus: nothing a careful reader finds may be missing."""

import pytest

from app.copywriting.facts_parser import parse_facts
from tests.copywriting.corpus import Announcement, load_corpus, missing_facts, norm

CORPUS = load_corpus()


def parse(a: Announcement):
    return parse_facts(
        a.text,
        campaign_name=a.expected["campaign_name"],
        advertiser_name=a.expected["advertiser_name"],
        cta_url=a.expected["cta_url"],
    )


def test_the_corpus_is_varied_enough():
    assert len(CORPUS) >= 30
    lengths = [len(a.text) for a in CORPUS]
    assert min(lengths) < 300 and sum(n >= 3000 for n in lengths) >= 2
    formats = {a.expected["sale_format"] for a in CORPUS}
    assert {"live", "online_timed", "live_webcast", "hybrid"} <= formats


@pytest.mark.parametrize("announcement", CORPUS, ids=lambda a: a.name)
def test_every_annotated_fact_is_in_the_record(announcement: Announcement):
    record = parse(announcement)
    assert missing_facts(announcement, record) == {}


@pytest.mark.parametrize("announcement", CORPUS, ids=lambda a: a.name)
def test_each_dated_moment_has_its_role(announcement: Announcement):
    record = parse(announcement)
    assert record.sale_format == announcement.expected["sale_format"]
    for want in announcement.expected["events"]:
        matches = [
            e
            for e in record.events
            if e.role == want["role"]
            and ("date" not in want or (e.date and norm(want["date"]) in norm(e.date)))
            and ("time" not in want or (e.time and norm(want["time"]) == norm(e.time)))
        ]
        assert matches, (want, [e.model_dump(exclude_none=True) for e in record.events])


@pytest.mark.parametrize("announcement", CORPUS, ids=lambda a: a.name)
def test_featured_lots_keep_their_number_and_estimate(announcement: Announcement):
    items = {i.lot_number: i for i in parse(announcement).featured_items if i.lot_number}
    for want in announcement.expected["featured_lots"]:
        assert want["lot"] in items, (want, list(items))
        if "estimate" in want:
            assert items[want["lot"]].estimate == want["estimate"]
