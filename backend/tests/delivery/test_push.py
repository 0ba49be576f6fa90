"""Connected accounts and POST /campaigns/{id}/push, against a loopback server that answers like each service."""

import logging
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from tests.support.fake_esp import KEYS, MAILCHIMP_KEY, FakeEsp

PROVIDERS = ["mailchimp", "sendgrid", "klaviyo", "constant_contact"]


async def _connect(client: httpx.AsyncClient, provider: str, key: str | None = None) -> dict[str, Any]:
    r = await client.post("/api/v1/integrations", json={"provider": provider, "api_key": key or KEYS[provider]})
    assert r.status_code == 201, r.text
    return r.json()


@pytest.fixture
async def connected(client: httpx.AsyncClient, delivery_settings: Any):
    for provider in PROVIDERS:
        await _connect(client, provider)
    yield
    for integration in (await client.get("/api/v1/integrations")).json():
        await client.delete(f"/api/v1/integrations/{integration['id']}")


async def test_accounts_are_listed_without_keys_and_can_be_removed(
    client: httpx.AsyncClient, other_client: httpx.AsyncClient, delivery_settings: Any
):
    created = await _connect(client, "mailchimp")
    assert created["provider"] == "mailchimp" and created["key_hint"] == "…us21"
    assert "api_key" not in created and MAILCHIMP_KEY not in str(created)
    listed = (await client.get("/api/v1/integrations")).json()
    assert [i["id"] for i in listed] == [created["id"]]
    assert (await other_client.get("/api/v1/integrations")).json() == []
    assert (await other_client.delete(f"/api/v1/integrations/{created['id']}")).status_code == 404
    assert (await client.delete(f"/api/v1/integrations/{created['id']}")).status_code == 204
    assert (await client.get("/api/v1/integrations")).json() == []
    bad = await client.post("/api/v1/integrations", json={"provider": "hubspot", "api_key": "x" * 20})
    assert bad.status_code == 422


async def test_mailchimp_push_creates_then_updates_the_same_template(
    client: httpx.AsyncClient, approved: dict[str, Any], connected: None, fake_esp: FakeEsp
):
    url = f"/api/v1/campaigns/{approved['id']}/push"
    first = await client.post(url, json={"provider": "mailchimp"})
    assert first.status_code == 200, first.text
    body = first.json()
    assert (
        body["created"] is True
        and body["url"] == f"https://us21.admin.mailchimp.com/templates/edit?id={body['remote_id']}"
    )
    [call] = fake_esp.calls_to("mailchimp")
    assert (call.method, call.path) == ("POST", "/mailchimp/us21/3.0/templates")
    assert set(call.body) == {"name", "html"} and len(call.body["name"]) <= 50
    assert "*|UNSUB|*" in call.body["html"] and "{{unsubscribe_url}}" not in call.body["html"]
    assert "http://testserver/media/" in call.body["html"]  # hosted images: the service cannot read our ZIP

    second = await client.post(url, json={"provider": "mailchimp"})
    assert second.status_code == 200 and second.json()["created"] is False
    assert second.json()["remote_id"] == body["remote_id"]
    assert fake_esp.calls_to("mailchimp")[-1].method == "PATCH"
    assert fake_esp.calls_to("mailchimp")[-1].path == f"/mailchimp/us21/3.0/templates/{body['remote_id']}"
    assert len(fake_esp.templates["mailchimp"]) == 1


async def test_sendgrid_push_is_a_dynamic_template_with_a_version_updated_in_place(
    client: httpx.AsyncClient, approved: dict[str, Any], connected: None, fake_esp: FakeEsp
):
    url = f"/api/v1/campaigns/{approved['id']}/push"
    first = await client.post(url, json={"provider": "sendgrid"})
    assert first.status_code == 200, first.text
    create, version = fake_esp.calls_to("sendgrid")
    assert (create.method, create.path, create.body["generation"]) == ("POST", "/sendgrid/v3/templates", "dynamic")
    template_id = first.json()["remote_id"]
    assert template_id.startswith("d-") and version.path == f"/sendgrid/v3/templates/{template_id}/versions"
    assert version.body["active"] == 1 and version.body["editor"] == "code"
    assert "{{{unsubscribe}}}" in version.body["html_content"] and "{{{unsubscribe}}}" in version.body["plain_content"]
    assert version.body["subject"]

    second = await client.post(url, json={"provider": "sendgrid"})
    assert second.json()["created"] is False and second.json()["remote_id"] == template_id
    methods = [(c.method, c.path.rsplit("/", 2)[-2]) for c in fake_esp.calls_to("sendgrid")[2:]]
    assert methods == [("GET", "templates"), ("PATCH", "versions")]
    assert (
        len(fake_esp.templates["sendgrid"]) == 1 and len(fake_esp.templates["sendgrid"][template_id]["versions"]) == 1
    )


async def test_klaviyo_push_uses_its_json_api_and_updates(
    client: httpx.AsyncClient, approved: dict[str, Any], connected: None, fake_esp: FakeEsp
):
    url = f"/api/v1/campaigns/{approved['id']}/push"
    first = await client.post(url, json={"provider": "klaviyo"})
    assert first.status_code == 200, first.text
    [call] = fake_esp.calls_to("klaviyo")
    assert (call.method, call.path) == ("POST", "/klaviyo/api/templates")
    assert call.headers["authorization"].startswith("Klaviyo-API-Key ") and call.headers["revision"]
    assert call.headers["content-type"] == "application/vnd.api+json"
    attributes = call.body["data"]["attributes"]
    assert attributes["editor_type"] == "CODE" and "{% unsubscribe_link %}" in attributes["html"]
    second = await client.post(url, json={"provider": "klaviyo"})
    assert second.json()["created"] is False and second.json()["remote_id"] == first.json()["remote_id"]
    patch = fake_esp.calls_to("klaviyo")[-1]
    assert patch.method == "PATCH" and patch.body["data"]["id"] == first.json()["remote_id"]
    assert len(fake_esp.templates["klaviyo"]) == 1


async def test_constant_contact_push_is_a_custom_code_email_updated_through_its_activity(
    client: httpx.AsyncClient, approved: dict[str, Any], connected: None, fake_esp: FakeEsp
):
    url = f"/api/v1/campaigns/{approved['id']}/push"
    first = await client.post(url, json={"provider": "constant_contact", "from_email": "sales@smith.example"})
    assert first.status_code == 200, first.text
    [call] = fake_esp.calls_to("constant_contact")
    assert (call.method, call.path) == ("POST", "/constant_contact/v3/emails")
    activity = call.body["email_campaign_activities"][0]
    assert activity["format_type"] == 5 and activity["from_email"] == "sales@smith.example"
    assert "[[trackingImage]]" in activity["html_content"] and "[[unsubscribeLink]]" in activity["html_content"]
    second = await client.post(url, json={"provider": "constant_contact", "from_email": "sales@smith.example"})
    assert second.json()["created"] is False
    get, put = fake_esp.calls_to("constant_contact")[1:]
    assert (
        get.method == "GET" and put.method == "PUT" and put.path.startswith("/constant_contact/v3/emails/activities/")
    )
    assert len(fake_esp.templates["constant_contact"]) == 1


async def test_a_template_deleted_at_the_service_is_created_again(
    client: httpx.AsyncClient, approved: dict[str, Any], connected: None, fake_esp: FakeEsp
):
    url = f"/api/v1/campaigns/{approved['id']}/push"
    first = (await client.post(url, json={"provider": "mailchimp"})).json()
    fake_esp.templates["mailchimp"].clear()
    again = (await client.post(url, json={"provider": "mailchimp"})).json()
    assert again["created"] is True and again["remote_id"] != first["remote_id"]


async def test_a_rejected_key_is_a_clear_message(
    client: httpx.AsyncClient, approved: dict[str, Any], delivery_settings: Any, fake_esp: FakeEsp
):
    await _connect(client, "sendgrid", "SG.wrong-key-0000000000000000")
    r = await client.post(f"/api/v1/campaigns/{approved['id']}/push", json={"provider": "sendgrid"})
    assert r.status_code == 422 and r.json()["code"] == "esp_key_rejected"
    assert "SendGrid refused the API key (401)" in r.json()["detail"]
    for integration in (await client.get("/api/v1/integrations")).json():
        await client.delete(f"/api/v1/integrations/{integration['id']}")


async def test_a_rate_limit_passes_on_retry_after(
    client: httpx.AsyncClient, approved: dict[str, Any], connected: None, fake_esp: FakeEsp
):
    fake_esp.fail_next("klaviyo", 429, {"Retry-After": "17"})
    r = await client.post(f"/api/v1/campaigns/{approved['id']}/push", json={"provider": "klaviyo"})
    assert r.status_code == 429 and r.json()["code"] == "esp_rate_limited"
    assert r.headers["Retry-After"] == "17" and "17 seconds" in r.json()["detail"]


async def test_a_validation_error_names_the_services_reason(
    client: httpx.AsyncClient, approved: dict[str, Any], connected: None, fake_esp: FakeEsp
):
    fake_esp.fail_next("mailchimp", 400)
    r = await client.post(f"/api/v1/campaigns/{approved['id']}/push", json={"provider": "mailchimp"})
    assert r.status_code == 422 and r.json()["code"] == "esp_rejected"
    assert r.json()["detail"] == "Mailchimp refused the email (400): forced 400"


async def test_a_service_that_does_not_answer_is_502_within_the_limit(
    client: httpx.AsyncClient, approved: dict[str, Any], delivery_settings: Any, connected: None
):
    from tests.support.smtp_servers import HangingServer

    async with HangingServer() as hanging:
        delivery_settings(klaviyo_api_base=f"http://127.0.0.1:{hanging.port}", esp_timeout_s=1.0)
        r = await client.post(f"/api/v1/campaigns/{approved['id']}/push", json={"provider": "klaviyo"})
    assert r.status_code == 502 and r.json()["code"] == "esp_unavailable"


async def test_push_needs_a_connected_account_and_an_approved_email(
    client: httpx.AsyncClient, uploads: Any, approved: dict[str, Any], delivery_settings: Any
):
    r = await client.post(f"/api/v1/campaigns/{approved['id']}/push", json={"provider": "mailchimp"})
    assert r.status_code == 409 and r.json()["code"] == "not_connected"
    draft = await uploads.ready_for_review()
    await _connect(client, "mailchimp")
    assert (
        await client.post(f"/api/v1/campaigns/{draft['id']}/push", json={"provider": "mailchimp"})
    ).status_code == 409
    for integration in (await client.get("/api/v1/integrations")).json():
        await client.delete(f"/api/v1/integrations/{integration['id']}")


async def test_api_keys_never_appear_in_responses_logs_or_the_database(
    app: Any,
    client: httpx.AsyncClient,
    approved: dict[str, Any],
    delivery_settings: Any,
    fake_esp: FakeEsp,
    caplog: pytest.LogCaptureFixture,
):
    caplog.set_level(logging.DEBUG)
    responses: list[httpx.Response] = []
    for provider in PROVIDERS:
        responses.append(
            await client.post("/api/v1/integrations", json={"provider": provider, "api_key": KEYS[provider]})
        )
    responses.append(await client.get("/api/v1/integrations"))
    url = f"/api/v1/campaigns/{approved['id']}/push"
    for provider in PROVIDERS:
        responses.append(await client.post(url, json={"provider": provider}))
    fake_esp.fail_next("mailchimp", 401)
    responses.append(await client.post(url, json={"provider": "mailchimp"}))
    fake_esp.fail_next("sendgrid", 429, {"Retry-After": "3"})
    responses.append(await client.post(url, json={"provider": "sendgrid"}))
    assert [r.status_code for r in responses[:5]] == [201, 201, 201, 201, 200]
    assert all(r.status_code == 200 for r in responses[5:9]), [r.text for r in responses[5:9]]

    async with app.state.services.sessionmaker() as session:
        rows = (await session.exec(text("SELECT * FROM integration"))).all()  # type: ignore[call-overload]
        dump = " ".join(str(tuple(row)) for row in rows)
        pushes = " ".join(str(tuple(r)) for r in (await session.exec(text("SELECT * FROM push_record"))).all())  # type: ignore[call-overload]
    assert len(rows) == 4 and pushes
    logged = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    for key in KEYS.values():
        secret = key.split("-")[0] if key == MAILCHIMP_KEY else key  # the data centre is not secret
        assert all(secret not in r.text for r in responses), key
        assert all(secret not in str(r.headers) for r in responses), key
        assert secret not in logged, key
        assert secret not in dump and secret not in pushes, key
    # The keys did reach the service (so the grep above had something to miss).
    assert any(c.headers.get("authorization") == f"Bearer {KEYS['sendgrid']}" for c in fake_esp.calls)
    for integration in (await client.get("/api/v1/integrations")).json():
        await client.delete(f"/api/v1/integrations/{integration['id']}")
