"""A date without a year gets one only from a plausible sale year, checked against its weekday."""

from datetime import date

from app.copywriting.facts_parser import parse_facts


def _iso_dates(text: str) -> list[str | None]:
    record = parse_facts(text, campaign_name="Sale", advertiser_name="Voss Auctions", cta_url=None)
    return [e.iso_date for e in record.events if e.date]


def test_a_house_number_is_not_the_sale_year():
    dates = _iso_dates("Saturday, November 14 at 9:30 AM at 2003 Pleasant Street, Noblesville, IN 46060.")
    assert dates and all(d and not d.startswith("2003") for d in dates)
    assert date.fromisoformat(dates[0]).strftime("%A") == "Saturday"


def test_a_written_year_wins_when_its_weekday_matches():
    assert _iso_dates("Bidding closes Tuesday, March 9 at 7 PM. Catalogue for 2027 sales below.") == ["2027-03-09"]
