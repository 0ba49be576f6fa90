"""GET /api/v1/download: the approved email as a ZIP."""

import io
import json
import zipfile

import httpx

from tests.support.clients import unknown_id
from tests.support.factories import UploadBuilder, jpeg


async def test_download_before_approval_is_409(uploads: UploadBuilder, client: httpx.AsyncClient):
    campaign = await uploads.ready_for_review()
    r = await client.get(f"/api/v1/download/{campaign['id']}")
    assert r.status_code == 409
    assert r.json()["code"] == "not_approved"
    assert "approve" in r.json()["detail"]


async def test_download_zip_holds_the_approved_email(uploads: UploadBuilder, client: httpx.AsyncClient):
    heroes = [(f"h{i}.jpg", jpeg(1600, 1200), "image/jpeg") for i in range(3)]
    campaign = await uploads.approved(campaign_name="Winter Sale: Part 2!", heroes=heroes)
    r = await client.get(f"/api/v1/download/{campaign['id']}")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/zip"
    assert r.headers["content-disposition"] == 'attachment; filename="winter-sale-part-2-v1.zip"'
    zf = zipfile.ZipFile(io.BytesIO(r.content))
    names = set(zf.namelist())
    assert {"email.html", "email-hosted.html", "email.txt", "details.json"} <= names
    assert {"images/hero-1.jpg", "images/hero-2.jpg", "images/hero-3.jpg"} <= names
    assert "images/logo.png" not in names  # the email shows the logo on its plate: the bare upload stays out
    local = zf.read("email.html").decode()
    assert 'src="images/hero-1.jpg"' in local and "http://testserver/media" not in local
    plate = next(n for n in names if "-plate-" in n)  # the transparent logo on its baked-in backdrop
    assert f'src="{plate}"' in local
    hosted = zf.read("email-hosted.html").decode()
    assert "http://testserver/media/campaigns/" in hosted
    details = json.loads(zf.read("details.json"))
    assert details["proof_version"] == 1 and len(details["subject_lines"]) == 3
    assert details["approved_at"] and details["preheader"]
    assert "Winter Sale: Part 2!" in zf.read("email.txt").decode()


async def test_download_unknown_campaign(client: httpx.AsyncClient):
    assert (await client.get(f"/api/v1/download/{unknown_id()}")).status_code == 404


async def test_zip_holds_only_what_the_email_uses_readable_by_all_and_the_sale_in_auction_ics(
    uploads: UploadBuilder, client: httpx.AsyncClient
):
    import re
    from datetime import datetime

    import icalendar

    portrait = [("tall.jpg", jpeg(900, 1200), "image/jpeg")]  # cut to its slot: the uncut upload is not used
    campaign = await uploads.approved(heroes=portrait)
    zf = zipfile.ZipFile(io.BytesIO((await client.get(f"/api/v1/download/{campaign['id']}")).content))
    local = zf.read("email.html").decode()
    used = set(re.findall(r'src="(images/[^"]+)"', local))
    images = {n for n in zf.namelist() if n.startswith("images/")}
    assert images == used and len(used) == 2  # the logo (on its plate) and the cropped photo, nothing else
    assert all((info.external_attr >> 16) & 0o777 == 0o644 for info in zf.infolist())

    # "Saturday, December 12, 2026 at 10:00 AM CST" as the advertiser wrote it (tests/support/factories.SALE_TEXT).
    calendar = icalendar.Calendar.from_ical(zf.read("auction.ics"))
    event = next(iter(calendar.walk("VEVENT")))
    start = event.decoded("dtstart")
    assert start.replace(tzinfo=None) == datetime(2026, 12, 12, 10, 0)
    assert str(start.tzinfo) == "America/Chicago"
    assert event["summary"] == "Annual Winter Estate Auction"
    assert "calendar.google.com/calendar/render?action=TEMPLATE" in zf.read("email.txt").decode()
    assert "dates=20261212T100000%2F20261212T120000" in local and "ctz=America%2FChicago" in local
