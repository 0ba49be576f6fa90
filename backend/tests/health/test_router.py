"""Health probes, error shape and headers every response carries."""

import httpx
from fastapi import FastAPI


async def test_liveness_and_readiness(client: httpx.AsyncClient):
    assert (await client.get("/health")).json() == {"status": "ok"}
    ready = await client.get("/health/ready")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "database": "ok", "storage": "ok"}


async def test_unknown_route_has_the_contract_error_shape(client: httpx.AsyncClient):
    r = await client.get("/api/v1/nope")
    assert r.status_code == 404
    assert r.json() == {"detail": "Not Found", "code": "not_found"}
    r = await client.delete("/api/v1/campaigns")
    assert r.status_code == 405 and r.json()["code"] == "method_not_allowed"


async def test_security_headers_and_request_id(client: httpx.AsyncClient):
    r = await client.get("/health", headers={"X-Request-ID": "abc-123"})
    assert r.headers["x-request-id"] == "abc-123"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    r = await client.get("/health", headers={"X-Request-ID": "bad id with spaces\n"})
    assert r.headers["x-request-id"] != "bad id with spaces"


async def test_unexpected_errors_hide_internals(app: FastAPI, client: httpx.AsyncClient):
    async def boom() -> None:
        raise RuntimeError("secret path /etc/hibid and SELECT * FROM campaign")

    app.add_api_route("/api/v1/_boom_for_test", boom)
    try:
        r = await client.get("/api/v1/_boom_for_test")
    finally:
        app.router.routes = [rt for rt in app.router.routes if getattr(rt, "path", "") != "/api/v1/_boom_for_test"]
    assert r.status_code == 500
    body = r.json()
    assert body["detail"] == "Internal error" and body["code"] == "internal"
    assert body["request_id"] == r.headers["x-request-id"]
    assert "secret" not in r.text and "SELECT" not in r.text


async def test_cors_allows_only_configured_origins(client: httpx.AsyncClient):
    ok = await client.options(
        "/api/v1/campaigns",
        headers={"Origin": "http://localhost:5173", "Access-Control-Request-Method": "GET"},
    )
    assert ok.headers.get("access-control-allow-origin") == "http://localhost:5173"
    bad = await client.options(
        "/api/v1/campaigns",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
    )
    assert "access-control-allow-origin" not in bad.headers


async def test_openapi_documents_every_step(client: httpx.AsyncClient):
    spec = (await client.get("/openapi.json")).json()
    for path in [
        "/upload",
        "/process/{campaign_id}",
        "/generate/{campaign_id}",
        "/preview/{campaign_id}",
        "/approve/{campaign_id}",
        "/download/{campaign_id}",
    ]:
        ops = spec["paths"][f"/api/v1{path}"]
        for op in ops.values():
            assert op["summary"]
            assert any(code.startswith("4") for code in op["responses"]), path
