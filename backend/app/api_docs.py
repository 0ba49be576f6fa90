"""The interactive API docs (/docs, /redoc), served entirely from this app: no CDN script runs on
the origin that holds the sign-in token. Off in production unless API_DOCS_ENABLED=true."""

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

OPENAPI_URL = "/openapi.json"
DOCS_URL = "/docs"
REDOC_URL = "/redoc"
OAUTH2_REDIRECT_URL = "/docs/oauth2-redirect"
ASSETS_URL = "/docs/assets"
# Swagger UI, ReDoc and a favicon, shipped in the fastapi-offline wheel (MIT; Swagger UI Apache-2.0, ReDoc MIT).
ASSETS_DIR = Path(fastapi_offline.__file__).parent / "static"

# The pages' own inline start-up script is allowed; scripts, styles and fonts from anywhere else are not.
DOCS_CSP = (
    "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
    "frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
)


def _page(html: HTMLResponse) -> HTMLResponse:
    html.headers["Content-Security-Policy"] = DOCS_CSP
    html.headers["Cache-Control"] = "no-cache"
    return html


def mount_api_docs(app: FastAPI) -> None:
    """Swagger UI at /docs (with its OAuth2 redirect page) and ReDoc at /redoc, assets under /docs/assets."""
    app.mount(ASSETS_URL, StaticFiles(directory=ASSETS_DIR), name="api-docs-assets")
    title = app.title

    @app.get(DOCS_URL, include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return _page(
            get_swagger_ui_html(
                openapi_url=OPENAPI_URL,
                title=f"{title} - Swagger UI",
                oauth2_redirect_url=OAUTH2_REDIRECT_URL,
                swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
                swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
                swagger_favicon_url=f"{ASSETS_URL}/favicon.png",
            )
        )

    @app.get(OAUTH2_REDIRECT_URL, include_in_schema=False)
    async def swagger_ui_oauth2_redirect() -> HTMLResponse:
        return _page(get_swagger_ui_oauth2_redirect_html())

    @app.get(REDOC_URL, include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return _page(
            get_redoc_html(
                openapi_url=OPENAPI_URL,
                title=f"{title} - ReDoc",
                redoc_js_url=f"{ASSETS_URL}/redoc.standalone.js",
                redoc_favicon_url=f"{ASSETS_URL}/favicon.png",
                with_google_fonts=False,
            )
        )
