"""When and where, for the email's date badge, its "Add to calendar" and map links, and auction.ics.

Times are the advertiser's own: "Saturday, December 12 at 10 AM CST" becomes 10:00 on 2026-12-12 in
America/Chicago, never converted. A time zone the text does not name stays floating (RFC 5545 §3.3.5, "local
time"), so every calendar shows the hour as written.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import icalendar

from app.copywriting.facts_record import AuctionFactsRecord, SaleEvent

# The moment a bidder puts in a calendar, best first; a preview or pickup only when nothing else is dated.
_START_ROLES = ("sale_starts", "bidding_opens", "first_lot_closes", "sale_closes", "other", "preview", "pickup")
_DEFAULT_LENGTH = timedelta(hours=2)  # calendars need an end; a sale's written end time wins
_TIME = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s*m\b\.?", re.IGNORECASE)
_TIME_24 = re.compile(r"\b([01]?\d|2[0-3])[:h](\d{2})\b")
_ZONES = {
    "est": "America/New_York", "edt": "America/New_York", "et": "America/New_York", "eastern": "America/New_York",
    "cst": "America/Chicago", "cdt": "America/Chicago", "ct": "America/Chicago", "central": "America/Chicago",
    "mst": "America/Denver", "mdt": "America/Denver", "mt": "America/Denver", "mountain": "America/Denver",
    "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles", "pt": "America/Los_Angeles",
    "pacific": "America/Los_Angeles", "akst": "America/Anchorage", "hst": "Pacific/Honolulu",
    "gmt": "Europe/London", "bst": "Europe/London", "uk": "Europe/London", "aest": "Australia/Sydney",
}  # fmt: skip


@dataclass(frozen=True)
class SaleMoment:
    event: SaleEvent
    start: datetime  # naive: the wall-clock time as written
    end: datetime
    zone: str | None  # IANA name when the advertiser named a zone


@dataclass(frozen=True)
class SaleBadge:
    """The date badge under the headline: the moment in the advertiser's words, the place, and two links."""

    when: str
    where: str = ""
    calendar_url: str | None = None
    map_url: str | None = None


def parse_clock(text: str | None) -> tuple[int, int] | None:
    """(hour, minute) of "7 PM", "10:30 a.m.", "19:00", "noon"; None when there is no time."""
    if not text:
        return None
    if re.search(r"\bnoon\b", text, re.IGNORECASE):
        return 12, 0
    if m := _TIME.search(text):
        hour, minute = int(m.group(1)) % 12, int(m.group(2) or 0)
        return (hour + 12 if m.group(3).lower() == "p" else hour), minute
    if m := _TIME_24.search(text):
        return int(m.group(1)), int(m.group(2))
    return None


def _zone(event: SaleEvent) -> str | None:
    for word in re.findall(r"[A-Za-z]+", f"{event.timezone or ''} {event.text}"):
        if (found := _ZONES.get(word.lower())) and (event.timezone or word.isupper() or len(word) > 3):
            return found
    return None


def sale_moment(record: AuctionFactsRecord | None) -> SaleMoment | None:
    """The sale's start, when the record has a dated moment with a year and a time."""
    if record is None:
        return None
    events = sorted(record.events, key=lambda e: _START_ROLES.index(e.role) if e.role in _START_ROLES else 99)
    for event in events:
        clock = parse_clock(event.time) or parse_clock(event.text)
        if not event.iso_date or clock is None:
            continue
        try:
            day = date.fromisoformat(event.iso_date)
        except ValueError:
            continue
        start = datetime(day.year, day.month, day.day, *clock)
        end_clock = parse_clock(event.end_time)
        end = start.replace(hour=end_clock[0], minute=end_clock[1]) if end_clock else start + _DEFAULT_LENGTH
        if end <= start:
            end = start + _DEFAULT_LENGTH
        return SaleMoment(event, start, end, _zone(event))
    return None


def _place(record: AuctionFactsRecord) -> str:
    venue, street = record.venue, record.street_address
    if venue and street and street.casefold().startswith(venue.casefold()):
        venue = None  # "Hawthorne Hall, Hawthorne Hall, Kington": the address already names the place
    return ", ".join(p for p in (venue, street) if p)


def map_url(address: str) -> str:
    """Google Maps' documented search URL (developers.google.com/maps/documentation/urls/get-started)."""
    return "https://www.google.com/maps/search/?" + urlencode({"api": "1", "query": address})


def google_calendar_url(title: str, moment: SaleMoment, location: str, details: str) -> str:
    """Google Calendar's event template link (calendar.google.com/calendar/render?action=TEMPLATE): floating
    times, with `ctz` when the advertiser named a zone."""
    fmt = "%Y%m%dT%H%M%S"
    query = {
        "action": "TEMPLATE",
        "text": title,
        "dates": f"{moment.start.strftime(fmt)}/{moment.end.strftime(fmt)}",
        "details": details,
        "location": location,
    }
    if moment.zone:
        query["ctz"] = moment.zone
    return "https://calendar.google.com/calendar/render?" + urlencode({k: v for k, v in query.items() if v})


def sale_badge(record: AuctionFactsRecord | None, title: str, link: str | None) -> SaleBadge | None:
    """The badge for the email: None when the record has no dated moment at all."""
    if record is None or not record.events:
        return None
    moment = sale_moment(record)
    event = moment.event if moment else record.events[0]
    place = _place(record) or ("Online" if record.sale_format == "online_timed" else "")
    calendar = google_calendar_url(title, moment, _place(record), link or "") if moment else None
    return SaleBadge(event.text, place, calendar, map_url(record.street_address) if record.street_address else None)


def auction_ics(record: AuctionFactsRecord | None, title: str, link: str | None, uid: str) -> bytes | None:
    """auction.ics (RFC 5545, one VEVENT) for the sale's start; None without a dated, timed moment."""
    moment = sale_moment(record)
    if record is None or moment is None:
        return None
    cal = icalendar.Calendar()
    cal.add("prodid", "-//HiBid Email//auction.ics//EN")
    cal.add("version", "2.0")
    event = icalendar.Event()
    tz = ZoneInfo(moment.zone) if moment.zone else None
    event.add("uid", uid)
    event.add("dtstamp", datetime.now(tz=ZoneInfo("UTC")).replace(microsecond=0))
    event.add("dtstart", moment.start.replace(tzinfo=tz))
    event.add("dtend", moment.end.replace(tzinfo=tz))
    event.add("summary", title)
    if place := _place(record):
        event.add("location", place)
    if link:
        event.add("url", link)
        event.add("description", f"{moment.event.text}\n{link}")
    else:
        event.add("description", moment.event.text)
    cal.add_component(event)
    if tz is not None:
        cal.add_missing_timezones()
    return cal.to_ical()
