"""Who may see what: a campaign belongs to its advertiser; staff see everything; strangers see nothing."""

import httpx
import pytest

from tests.support.factories import UploadBuilder

PUBLIC = ["/health", "/health/ready", "/openapi.json", "/docs"]


@pytest.fixture
async def approved(uploads: UploadBuilder) -> dict:
    """An approved campaign of the default advertiser (`client`)."""
    return await uploads.approved(campaign_name="Private Estate Sale")


def _every_campaign_call(cid: str) -> list[tuple[str, str, dict]]:
    return [
        ("GET", f"/api/v1/campaigns/{cid}", {}),
        ("POST", f"/api/v1/process/{cid}", {}),
        ("POST", f"/api/v1/generate/{cid}", {}),
        ("GET", f"/api/v1/preview/{cid}", {}),
        ("GET", f"/api/v1/preview/{cid}?format=html", {}),
        ("POST", f"/api/v1/approve/{cid}", {"json": {"decision": "approve"}}),
        ("POST", f"/api/v1/approve/{cid}", {"json": {"decision": "request_changes", "comment": "mine now"}}),
        ("GET", f"/api/v1/download/{cid}", {}),
    ]


async def test_another_advertiser_gets_404_for_every_step(
    approved: dict, client: httpx.AsyncClient, other_client: httpx.AsyncClient
):
    cid = approved["id"]
    for method, url, kwargs in _every_campaign_call(cid):
        r = await other_client.request(method, url, **kwargs)
        assert r.status_code == 404, (method, url, r.status_code)
        assert r.json() == {"detail": "No campaign with this id.", "code": "not_found"}, url
    # Nothing the stranger tried changed the campaign.
    detail = (await client.get(f"/api/v1/campaigns/{cid}")).json()
    assert detail["status"] == "approved"
    assert len(detail["decisions"]) == 1 and len(detail["proof_versions"]) == 1


async def test_every_campaign_route_in_the_schema_hides_other_advertisers_campaigns(
    approved: dict, other_client: httpx.AsyncClient, anon_client: httpx.AsyncClient
):
    """A sweep over the OpenAPI schema, so an endpoint added later cannot forget the owner check."""
    schema = (await anon_client.get("/openapi.json")).json()
    checked = 0
    for path, operations in schema["paths"].items():
        if "{campaign_id}" not in path:
            continue
        url = path.replace("{campaign_id}", approved["id"])
        for method in operations:
            kwargs = {"json": {}} if method in ("post", "put", "patch") else {}
            stranger = await other_client.request(method.upper(), url, **kwargs)
            assert stranger.status_code == 404, (method, path, stranger.text)
            anonymous = await anon_client.request(method.upper(), url, **kwargs)
            assert anonymous.status_code == 401, (method, path)
            checked += 1
    assert checked >= 6


async def test_lists_show_only_your_own_campaigns(
    uploads: UploadBuilder, client: httpx.AsyncClient, other_client: httpx.AsyncClient
):
    mine = await uploads.create(campaign_name="Mine Only")
    theirs = await UploadBuilder(other_client).create(campaign_name="Theirs Only")

    my_page = (await client.get("/api/v1/campaigns?limit=100")).json()
    their_page = (await other_client.get("/api/v1/campaigns?limit=100")).json()
    my_ids = {c["id"] for c in my_page["items"]}
    their_ids = {c["id"] for c in their_page["items"]}
    assert mine["id"] in my_ids and theirs["id"] not in my_ids
    assert theirs["id"] in their_ids and mine["id"] not in their_ids
    assert their_page["total"] == len(their_ids)  # the count leaks nothing either
    assert my_ids == {mine["id"]} and their_ids == {theirs["id"]} and my_page["total"] == 1


async def test_admin_sees_and_can_act_on_every_campaign(
    uploads: UploadBuilder, other_client: httpx.AsyncClient, admin_client: httpx.AsyncClient
):
    a = await uploads.ready_for_review(campaign_name="Advertiser A")
    b = await UploadBuilder(other_client).create(campaign_name="Advertiser B")
    listed = {c["id"] for c in (await admin_client.get("/api/v1/campaigns?limit=100")).json()["items"]}
    assert {a["id"], b["id"]} == listed
    assert (await admin_client.get(f"/api/v1/campaigns/{b['id']}")).status_code == 200
    assert (await admin_client.get(f"/api/v1/preview/{a['id']}")).status_code == 200


async def test_decisions_record_who_decided(uploads: UploadBuilder, client: httpx.AsyncClient):
    campaign = await uploads.ready_for_review()
    r = await client.post(f"/api/v1/approve/{campaign['id']}", json={"decision": "approve"})
    assert r.json()["decision"]["decided_by"] == "advertiser@example.com"


async def test_no_token_is_401_on_every_api_call(anon_client: httpx.AsyncClient, approved: dict):
    calls = [
        *_every_campaign_call(approved["id"]),
        ("GET", "/api/v1/campaigns", {}),
        ("POST", "/api/v1/upload", {"data": {"campaign_name": "x"}}),
        ("GET", "/api/v1/auth/me", {}),
    ]
    for method, url, kwargs in calls:
        r = await anon_client.request(method, url, **kwargs)
        assert r.status_code == 401, (method, url)
        assert r.json()["code"] == "not_authenticated"
        assert r.headers["www-authenticate"] == "Bearer"


async def test_upload_without_token_stores_nothing(anon_client: httpx.AsyncClient, client: httpx.AsyncClient):
    before = (await client.get("/api/v1/campaigns")).json()["total"]
    assert before == 0  # every test starts from the baseline
    r = await UploadBuilder(anon_client).post()
    assert r.status_code == 401
    assert (await client.get("/api/v1/campaigns")).json()["total"] == before


@pytest.mark.parametrize("path", PUBLIC)
async def test_health_and_docs_stay_public(anon_client: httpx.AsyncClient, path: str):
    assert (await anon_client.get(path)).status_code == 200


async def test_media_urls_are_public_but_unguessable(approved: dict, client: httpx.AsyncClient, anon_client):
    detail = (await client.get(f"/api/v1/campaigns/{approved['id']}")).json()
    for asset in detail["assets"]:
        path = asset["url"].replace("http://testserver", "")
        name = path.rsplit("/", 1)[-1].split(".")[0]
        assert len(name) >= 20  # 128 random bits, URL-safe
        assert (await anon_client.get(path)).status_code == 200
