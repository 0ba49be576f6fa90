"""The API docs: every script and style from this server (no CDN on the token's origin), and hidden
in production unless API_DOCS_ENABLED says otherwise."""

import re

import httpx
import pytest

from app.core.config import Settings
from tests.support.apps import MakeApp
from tests.support.clients import make_client

DOC_PATHS = ["/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json"]


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
async def test_docs_pages_load_every_asset_from_this_server(anon_client: httpx.AsyncClient, page: str):
    r = await anon_client.get(page)
    assert r.status_code == 200
    urls = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", r.text)
    assert urls, "the page loads no script or style at all"
    assert [u for u in urls if not u.startswith("/")] == [], "a script, style or icon comes from another origin"
    assert not re.search(r"https?://", r.text), "the page names an outside URL"
    for url in urls:
        asset = await anon_client.get(url)
        assert asset.status_code == 200, url
        assert len(asset.content) > 1000, url
    # A browser would also refuse any script another origin could inject into the page.
    csp = r.headers["content-security-policy"]
    assert "script-src 'self' 'unsafe-inline'" in csp and "default-src 'none'" in csp
    assert "http" not in csp


async def test_swagger_ui_bundle_is_served_as_javascript(anon_client: httpx.AsyncClient):
    r = await anon_client.get("/docs/assets/swagger-ui-bundle.js")
    assert r.headers["content-type"].startswith(("text/javascript", "application/javascript"))
    assert "SwaggerUIBundle" in r.text[:2000]


async def test_production_hides_the_docs_and_the_schema_by_default(make_app: MakeApp):
    # Only what decides the docs changes; the production start-up checks have their own tests.
    async with make_app(start=False, environment="production", api_docs_enabled=None) as app, make_client(app) as c:
        for path in DOC_PATHS:
            r = await c.get(path)
            assert r.status_code == 404, path
        assert (await c.get("/docs/assets/swagger-ui-bundle.js")).status_code == 404
    assert "/api/v1/upload" in app.openapi()["paths"]  # scripts/generate-client.sh still gets the schema


async def test_production_serves_the_docs_when_enabled(make_app: MakeApp):
    async with make_app(start=False, environment="production", api_docs_enabled=True) as app, make_client(app) as c:
        for path in DOC_PATHS:
            assert (await c.get(path)).status_code == 200, path


async def test_development_can_turn_the_docs_off(make_app: MakeApp):
    async with make_app(start=False, environment="development", api_docs_enabled=False) as app, make_client(app) as c:
        assert (await c.get("/docs")).status_code == 404


def test_api_docs_setting_defaults_to_the_environment():
    assert Settings(_env_file=None).serve_api_docs is True  # type: ignore[call-arg]
    assert Settings(_env_file=None, api_docs_enabled="").serve_api_docs is True  # type: ignore[call-arg]
    assert Settings(_env_file=None, api_docs_enabled="false").serve_api_docs is False  # type: ignore[call-arg]
