"""PATCH /api/v1/campaigns/{id}/copy: the advertiser's own words become a new copy version."""

import httpx
import pytest
import respx

from tests.support.clients import unknown_id
from tests.support.factories import UploadBuilder
from tests.support.fake_openai import good_copy
from tests.support.llm import answer


async def test_edit_saves_a_new_version_and_sends_the_campaign_back_to_generate(
    uploads: UploadBuilder, client: httpx.AsyncClient
):
    campaign = await uploads.ready_for_review()
    cid = campaign["id"]
    r = await client.patch(
        f"/api/v1/campaigns/{cid}/copy",
        json={"headline": "  Last chance:\nwinter lots  ", "primary_subject_index": 2, "cta_text": "Bid now"},
    )
    assert r.status_code == 200, r.text
    edited = r.json()
    assert edited["version"] == 2 and edited["source"] == "edited"
    assert edited["headline"] == "Last chance: winter lots"
    assert edited["primary_subject_index"] == 2 and edited["cta_text"] == "Bid now"

    detail = (await client.get(f"/api/v1/campaigns/{cid}")).json()
    assert detail["status"] == "processed" and detail["next_step"] == "generate"
    assert [c["source"] for c in detail["copy_versions"]] == ["offline", "edited"]
    assert detail["copy_versions"][0]["headline"] != "Last chance: winter lots"  # the earlier version is kept

    proof = (await client.post(f"/api/v1/generate/{cid}")).json()
    assert proof["copy_version"] == 2
    preview = (await client.get(f"/api/v1/preview/{cid}")).json()
    assert preview["primary_subject_index"] == 2
    html = (await client.get(f"/api/v1/preview/{cid}", params={"format": "html"})).text
    assert "Last chance: winter lots" in html and "Bid now" in html


async def test_the_same_words_again_make_no_new_version(uploads: UploadBuilder, client: httpx.AsyncClient):
    campaign = await uploads.create()
    copy = (await client.post(f"/api/v1/process/{campaign['id']}")).json()["copy"]
    same = {k: copy[k] for k in ("subject_lines", "primary_subject_index", "preheader", "headline", "paragraphs")}
    r = await client.patch(f"/api/v1/campaigns/{campaign['id']}/copy", json=same)
    assert r.status_code == 200 and r.json()["version"] == 1 and r.json()["source"] == "offline"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ({"subject_lines": ["a" * 61, "b", "c"]}, "Subject line 1 is longer than 60 characters (61)."),
        ({"subject_lines": ["One", "Two"]}, "Give exactly 3 subject lines (got 2)."),
        ({"subject_lines": ["Same", "same", "Other"]}, "The 3 subject lines must differ from each other."),
        ({"subject_lines": ["One", "  ", "Three"]}, "Subject line 2 cannot be empty."),
        ({"primary_subject_index": 3}, "primary_subject_index must be 0, 1 or 2"),
        ({"cta_text": "Register to bid on every single lot"}, "The button text is longer than 25 characters"),
        ({"headline": ""}, "The headline cannot be empty."),
        ({"paragraphs": ["", " "]}, "Keep 1 to 3 paragraphs (got 0)."),
        ({"paragraphs": ["a", "b", "c", "d"]}, "Keep 1 to 3 paragraphs (got 4)."),
        ({"alt_texts": {unknown_id(): "A tractor"}}, "alt_texts may only describe this campaign's images"),
    ],
)
async def test_bad_edits_are_refused_with_a_clear_sentence_and_nothing_changes(
    uploads: UploadBuilder, client: httpx.AsyncClient, edit: dict[str, object], message: str
):
    campaign = await uploads.create()
    await client.post(f"/api/v1/process/{campaign['id']}")
    r = await client.patch(f"/api/v1/campaigns/{campaign['id']}/copy", json=edit)
    assert r.status_code == 422, r.text
    assert r.json()["code"] == "validation_error"
    assert message in r.json()["detail"]
    latest = (await client.get(f"/api/v1/campaigns/{campaign['id']}")).json()["latest_copy"]
    assert latest["version"] == 1


async def test_unknown_fields_and_wrong_types_are_422(uploads: UploadBuilder, client: httpx.AsyncClient):
    campaign = await uploads.create()
    await client.post(f"/api/v1/process/{campaign['id']}")
    for bad in ({"subject": "typo"}, {"paragraphs": "not a list"}):
        r = await client.patch(f"/api/v1/campaigns/{campaign['id']}/copy", json=bad)
        assert r.status_code == 422 and r.json()["code"] == "validation_error"


async def test_alt_text_of_a_photo_can_be_edited(uploads: UploadBuilder, client: httpx.AsyncClient):
    campaign = await uploads.create()
    await client.post(f"/api/v1/process/{campaign['id']}")
    hero = next(a["id"] for a in campaign["assets"] if a["role"] == "hero")
    r = await client.patch(f"/api/v1/campaigns/{campaign['id']}/copy", json={"alt_texts": {hero: "A red tractor"}})
    assert r.status_code == 200
    alts = r.json()["alt_texts"]
    assert alts[hero] == "A red tractor" and len(alts) == len(campaign["assets"])


async def test_edit_before_process_or_after_approval_is_409(uploads: UploadBuilder, client: httpx.AsyncClient):
    fresh = await uploads.create()
    r = await client.patch(f"/api/v1/campaigns/{fresh['id']}/copy", json={"headline": "New"})
    assert r.status_code == 409 and "run process" in r.json()["detail"]

    approved = await uploads.approved()
    r = await client.patch(f"/api/v1/campaigns/{approved['id']}/copy", json={"headline": "New"})
    assert r.status_code == 409 and r.json()["code"] == "already_approved"


async def test_edit_of_unknown_campaign_is_404(client: httpx.AsyncClient):
    r = await client.patch(f"/api/v1/campaigns/{unknown_id()}/copy", json={"headline": "New"})
    assert r.status_code == 404


async def test_an_edit_is_kept_when_process_runs_again_and_fixes_retire_warnings(
    ai_uploads: UploadBuilder, ai_client: httpx.AsyncClient, llm: respx.Route
):
    campaign = await ai_uploads.create()
    cid = campaign["id"]
    llm.side_effect = None
    llm.return_value = answer(good_copy({}) | {"headline": "Bids from $1 on March 3"})
    copy = (await ai_client.post(f"/api/v1/process/{cid}")).json()["copy"]
    assert {w["code"] for w in copy["warnings"]} == {"unverified_price", "unverified_date"}

    edited = (await ai_client.patch(f"/api/v1/campaigns/{cid}/copy", json={"headline": "Winter lots"})).json()
    assert edited["warnings"] == []  # the advertiser rewrote the headline those warnings were about

    again = (await ai_client.post(f"/api/v1/process/{cid}")).json()
    assert again["reused"] is True and again["copy"]["source"] == "edited"
    assert again["copy"]["headline"] == "Winter lots"
    assert llm.call_count == 1


async def _edit_headline_and_paragraph(client: httpx.AsyncClient, cid: str) -> dict[str, object]:
    """The advertiser rewrites the headline and the second paragraph, then builds a proof and asks for changes."""
    copy = (await client.get(f"/api/v1/campaigns/{cid}")).json()["latest_copy"]
    paragraphs = [*copy["paragraphs"]]
    while len(paragraphs) < 2:
        paragraphs.append("Extra words.")
    paragraphs[1] = "Our family has run this sale for forty years; come and say hello at the Pavilion."
    r = await client.patch(
        f"/api/v1/campaigns/{cid}/copy", json={"headline": "Grandpa's barn, opened at last", "paragraphs": paragraphs}
    )
    assert r.status_code == 200, r.text
    return dict(r.json())


async def _request_changes(client: httpx.AsyncClient, cid: str, comment: str) -> None:
    assert (await client.post(f"/api/v1/generate/{cid}")).status_code == 201
    r = await client.post(f"/api/v1/approve/{cid}", json={"decision": "request_changes", "comment": comment})
    assert r.status_code == 200, r.text


async def test_hand_edits_are_recorded_on_the_version(uploads: UploadBuilder, client: httpx.AsyncClient):
    campaign = await uploads.create()
    cid = campaign["id"]
    first = (await client.post(f"/api/v1/process/{cid}")).json()["copy"]
    assert first["edited_fields"] == []
    edited = await _edit_headline_and_paragraph(client, cid)
    assert edited["edited_fields"] == ["headline", "paragraphs[1]"]
    again = (await client.patch(f"/api/v1/campaigns/{cid}/copy", json={"cta_text": "Bid today"})).json()
    assert again["edited_fields"] == ["cta_text", "headline", "paragraphs[1]"]  # earlier edits stay recorded


async def test_offline_rewrite_after_request_changes_keeps_the_hand_edits(
    uploads: UploadBuilder, client: httpx.AsyncClient
):
    campaign = await uploads.create()
    cid = campaign["id"]
    await client.post(f"/api/v1/process/{cid}")
    edited = await _edit_headline_and_paragraph(client, cid)
    await _request_changes(client, cid, "Please mention that parking is free.")

    redo = (await client.post(f"/api/v1/process/{cid}")).json()
    assert redo["reused"] is False and redo["copy"]["source"] == "offline"
    copy = redo["copy"]
    assert copy["headline"] == "Grandpa's barn, opened at last"
    assert copy["paragraphs"][1] == edited["paragraphs"][1]  # type: ignore[index]
    assert copy["edited_fields"] == ["headline", "paragraphs[1]"]
    html = (await client.post(f"/api/v1/generate/{cid}")).json()
    assert "Grandpa" in (await client.get(f"/api/v1/preview/{cid}", params={"format": "html"})).text
    assert html["copy_version"] == copy["version"]


async def test_ai_rewrite_keeps_hand_edits_the_comment_is_not_about(
    ai_uploads: UploadBuilder, ai_client: httpx.AsyncClient, llm: respx.Route
):
    campaign = await ai_uploads.create()
    cid = campaign["id"]
    await ai_client.post(f"/api/v1/process/{cid}")
    edited = await _edit_headline_and_paragraph(ai_client, cid)
    await _request_changes(ai_client, cid, "Mention the Friday preview, please.")
    rewrite = good_copy({}) | {
        "headline": "A brand new machine headline",
        "paragraphs": ["The machine's first paragraph.", "The machine's second one.", "Preview Friday from 2 PM."],
    }
    llm.side_effect = None
    llm.return_value = answer(rewrite)

    redo = (await ai_client.post(f"/api/v1/process/{cid}")).json()
    assert redo["copy"]["source"] == "openai"
    copy = redo["copy"]
    assert copy["headline"] == "Grandpa's barn, opened at last"
    assert copy["paragraphs"] == [
        "The machine's first paragraph.",
        edited["paragraphs"][1],  # type: ignore[index]
        "Preview Friday from 2 PM.",
    ]
    assert copy["edited_fields"] == ["headline", "paragraphs[1]"]


async def test_a_comment_about_the_headline_lets_the_rewrite_change_it_and_keeps_the_paragraph(
    ai_uploads: UploadBuilder, ai_client: httpx.AsyncClient, llm: respx.Route
):
    campaign = await ai_uploads.create()
    cid = campaign["id"]
    await ai_client.post(f"/api/v1/process/{cid}")
    edited = await _edit_headline_and_paragraph(ai_client, cid)
    await _request_changes(ai_client, cid, "The title should name the Mustang.")
    llm.side_effect = None
    llm.return_value = answer(good_copy({}) | {"headline": "A 1965 Ford Mustang leads the winter sale"})

    copy = (await ai_client.post(f"/api/v1/process/{cid}")).json()["copy"]
    assert copy["headline"] == "A 1965 Ford Mustang leads the winter sale"
    assert copy["paragraphs"][1] == edited["paragraphs"][1]  # type: ignore[index]
    assert copy["edited_fields"] == ["paragraphs[1]"]


@pytest.mark.parametrize(
    ("comment", "targets"),
    [
        ("Please mention that parking is free.", set()),
        ("Mention the Friday preview, please.", set()),  # the sale's preview, not the preheader
        ("Make the headline shorter", {"headline"}),
        ("The title should name the Mustang.", {"headline"}),
        ("Rewrite the second paragraph and the button", {"paragraphs[1]", "cta_text"}),
        ("Paragraph 3 is too long", {"paragraphs[2]"}),
        ("Change the subject lines and the preview text", {"subject_lines", "preheader"}),
        ("First subject line is dull", {"subject_lines[0]"}),
        ("Start over, I don't like any of it", {"*"}),
    ],
)
def test_what_a_change_request_asks_to_change(comment: str, targets: set[str]):
    from app.copywriting.hand_edits import asked_to_change

    assert asked_to_change(comment) == targets
