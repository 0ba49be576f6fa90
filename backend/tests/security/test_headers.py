"""Headers that protect browsers: framing, sniffing, referrers, and a script-free email preview."""

import httpx

from tests.support.factories import UploadBuilder


async def test_api_responses_carry_security_headers(client: httpx.AsyncClient):
    r = await client.get("/api/v1/campaigns")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert r.headers["content-security-policy"] == "frame-ancestors 'self'"
    assert r.headers["x-frame-options"] == "SAMEORIGIN"


async def test_preview_html_runs_no_script(uploads: UploadBuilder, client: httpx.AsyncClient):
    campaign = await uploads.ready_for_review()
    r = await client.get(f"/api/v1/preview/{campaign['id']}?format=html")
    csp = r.headers["content-security-policy"]
    assert "script-src 'none'" in csp and "default-src 'none'" in csp and "frame-ancestors 'self'" in csp
    assert r.headers.get_list("content-security-policy") == [csp]  # not weakened by the default one


async def test_cors_allows_only_configured_origins(anon_client: httpx.AsyncClient):
    preflight = {"Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization"}
    good = await anon_client.options("/api/v1/campaigns", headers={"Origin": "http://localhost:5173", **preflight})
    assert good.headers["access-control-allow-origin"] == "http://localhost:5173"
    evil = await anon_client.options("/api/v1/campaigns", headers={"Origin": "https://evil.example", **preflight})
    assert "access-control-allow-origin" not in evil.headers
