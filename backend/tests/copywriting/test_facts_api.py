"""The facts record on each copy version, and the advertiser's corrections of it (PATCH /campaigns/{id}/facts)."""

import httpx

from tests.support.factories import UploadBuilder

SALE = (
    "Online auction of the Kessler farm line. Bidding closes Sunday, March 8 at 7 PM. Tractors and skid steers. "
    "Pickup Tuesday, March 10 from 9 AM to 3 PM at 880 Prairie Lane, Salina, KS 67401. Call 785-555-0114."
)


async def _processed(uploads: UploadBuilder, client: httpx.AsyncClient) -> str:
    campaign = await uploads.create(text_content=SALE, heroes=[])
    r = await client.post(f"/api/v1/process/{campaign['id']}")
    assert r.status_code == 200, r.text
    return str(campaign["id"])


async def test_process_stores_the_facts_record_on_the_copy_version(client: httpx.AsyncClient, uploads: UploadBuilder):
    cid = await _processed(uploads, client)
    copy = (await client.get(f"/api/v1/campaigns/{cid}")).json()["latest_copy"]
    facts = copy["facts"]
    assert facts["sale_format"] == "online_timed"
    closes = [e for e in facts["events"] if e["role"] == "sale_closes"]
    assert closes and closes[0]["date"] == "Sunday, March 8" and closes[0]["time"] == "7 PM"
    assert facts["street_address"] == "880 Prairie Lane, Salina, KS 67401"
    assert facts["contact"]["phones"] == ["785-555-0114"]
    assert copy["fact_corrections"] == {}


async def test_a_corrected_fact_wins_in_the_email_and_in_every_later_version(
    client: httpx.AsyncClient, uploads: UploadBuilder
):
    cid = await _processed(uploads, client)
    before = (await client.get(f"/api/v1/campaigns/{cid}")).json()["latest_copy"]
    fixed = "882 Prairie Lane, Salina, KS 67401"
    r = await client.patch(
        f"/api/v1/campaigns/{cid}/facts",
        json={"street_address": fixed, "contact": {"emails": ["office@prairieland.example"]}},
    )
    assert r.status_code == 200, r.text
    version = r.json()
    assert version["source"] == "edited" and version["version"] == before["version"] + 1
    assert version["subject_lines"] == before["subject_lines"]  # same copy, corrected facts
    assert version["facts"]["street_address"] == fixed
    assert version["facts"]["contact"]["phones"] == ["785-555-0114"]  # the rest of `contact` is kept
    assert version["facts"]["contact"]["emails"] == ["office@prairieland.example"]
    assert version["fact_corrections"]["street_address"] == fixed

    html = (await client.get(f"/api/v1/preview/{cid}", params={"format": "html"})).text
    assert "882 Prairie Lane" in html

    # A rewrite (changes requested, processed again) parses the text anew: the correction still wins.
    assert await client.post(f"/api/v1/approve/{cid}", json={"decision": "request_changes", "comment": "Shorter."})
    r = await client.post(f"/api/v1/process/{cid}")
    assert r.status_code == 200, r.text
    rewritten = r.json()["copy"]
    assert rewritten["version"] > version["version"] and rewritten["source"] != "edited"
    assert rewritten["facts"]["street_address"] == fixed
    assert rewritten["fact_corrections"]["street_address"] == fixed

    # An edit of the words keeps the facts too.
    r = await client.patch(f"/api/v1/campaigns/{cid}/copy", json={"headline": "Kessler farm line: closes March 8"})
    assert r.status_code == 200, r.text
    assert r.json()["facts"]["street_address"] == fixed


async def test_invalid_corrections_answer_422_with_a_reason(client: httpx.AsyncClient, uploads: UploadBuilder):
    cid = await _processed(uploads, client)
    for body in (
        {"events": [{"role": "someday", "text": "Sunday"}]},
        {"street_address": "x" * 301},
        {"not_a_fact": "1"},
    ):
        r = await client.patch(f"/api/v1/campaigns/{cid}/facts", json=body)
        assert r.status_code == 422, (body, r.text)
        assert r.json()["code"] == "validation_error" and r.json()["detail"]


async def test_facts_cannot_change_after_approval(client: httpx.AsyncClient, uploads: UploadBuilder):
    campaign = await uploads.approved(text_content=SALE, heroes=[])
    r = await client.patch(f"/api/v1/campaigns/{campaign['id']}/facts", json={"lot_count": "40 lots"})
    assert r.status_code == 409 and r.json()["code"] == "already_approved"
