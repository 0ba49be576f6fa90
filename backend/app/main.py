"""The application factory: settings, middleware, routers and long-lived services."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.routing import APIRoute
from starlette.formparsers import MultiPartParser

from app.api.campaigns_router import router as campaigns_router
from app.api.direct_upload_router import router as direct_upload_router
from app.api.download_router import router as download_router
from app.api.pipeline_router import approval_router, copy_edit_router, writing_router
from app.api.retention import start_retention_purge
from app.api.services import build_renderer, build_services, build_storage, close_services
from app.api_docs import OPENAPI_URL, mount_api_docs
from app.auth.deps import get_current_user
from app.auth.router import router as auth_router
from app.auth.service import ensure_first_admin
from app.campaigns.media_files import MediaFiles
from app.campaigns.media_router import router as media_router
from app.campaigns.renditions import finish_renditions
from app.copywriting.router import router as copy_router
from app.core.config import Settings, get_settings
from app.core.db import run_migrations
from app.core.errors import (
    BadRequest,
    InvalidInput,
    NotAuthenticated,
    RateLimited,
    error_responses,
    install_error_handlers,
)
from app.core.heap import freeze_startup_heap
from app.core.log_context import RequestContextMiddleware
from app.core.logging import configure_logging
from app.core.metrics import MetricsMiddleware
from app.core.metrics import router as metrics_router
from app.core.middleware import (
    BodySizeLimitMiddleware,
    RequestIdMiddleware,
    SecurityHeadersMiddleware,
    UnhandledErrorMiddleware,
)
from app.core.sentry import init_sentry
from app.core.workers import configure_workers, run_cpu
from app.delivery.router import router as delivery_router
from app.health.router import router as health_router
from app.images.decode_budget import configure_decode_budget
from app.proofs.render import warm_up as warm_up_renderer
from app.proofs.router import router as proofs_router
from app.ratelimit.deps import rate_limit
from app.reviews.links_router import router as review_links_router
from app.reviews.public_router import router as review_public_router
from app.spa import mount_spa
from app.storage.errors import install_storage_error_handlers
from app.storage.local import LocalStorage

logger = logging.getLogger("app")

API_DESCRIPTION = """
Turn an auction advertiser's logo, photos and text into an approved, responsive email.

**Pipeline:** `upload` → `process` (AI copy) → `generate` (proof) → `preview` → `approve` → `download`.
Every error answers `{"detail": "...", "code": "..."}`; a step called out of order answers 409
and names the step to run first.
"""


def _operation_id(route: APIRoute) -> str:
    tag = route.tags[0] if route.tags else "default"
    return f"{tag}-{route.name}"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    init_sentry(settings)  # before the app exists, so its integrations see every request

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging(settings.log_level)
        configure_workers(
            settings.cpu_workers, settings.image_workers, settings.image_niceness, settings.password_workers
        )
        configure_decode_budget(settings.image_decode_budget_mb * 1024 * 1024)
        if settings.run_migrations_on_start:
            await run_migrations(settings)
        services = app.state.services = build_services(settings, app.state.storage)
        await ensure_first_admin(services.sessionmaker, settings)
        await run_cpu(warm_up_renderer)  # templates parsed and MJML loaded before the first proof
        purge = start_retention_purge(services)
        frozen = freeze_startup_heap()  # last: everything above stays for the life of the process
        logger.info(
            "started",
            extra={"environment": settings.environment, "storage": settings.storage_backend, "frozen_objects": frozen},
        )
        try:
            yield
        finally:
            if purge is not None:
                purge.cancel()
            await finish_renditions(timeout_s=10)  # photos uploaded just before a deploy still get theirs
            await app.state.proof_renderer.close()
            await close_services(services)

    app = FastAPI(
        title="HiBid Email API",
        version="1.0.0",
        description=API_DESCRIPTION,
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
        debug=False,
        # The docs pages are served by mount_api_docs (no CDN); the schema only where docs are on.
        docs_url=None,
        redoc_url=None,
        openapi_url=OPENAPI_URL if settings.serve_api_docs else None,
    )
    # Files up to the per-file limit stay in memory while the form is parsed: spooling them to disk
    # cost a thread hop per 64 KB chunk (≈25 ms of CPU per upload of three photos). The body-size
    # middleware caps a request at the sum of the file limits, so memory per upload stays bounded.
    MultiPartParser.spool_max_size = settings.max_upload_bytes
    app.state.storage = build_storage(settings)  # before the routes: it decides how /media is served
    app.state.proof_renderer = build_renderer(settings)
    install_error_handlers(app)
    install_storage_error_handlers(app)

    # Every API call is rate limited; every one but the account endpoints needs a signed-in user.
    api = APIRouter(
        prefix="/api/v1",
        dependencies=[rate_limit("default"), Depends(get_current_user)],
        responses=error_responses(BadRequest, NotAuthenticated, InvalidInput, RateLimited),
    )
    # In this order in the API reference: campaigns, then each pipeline step with its domain's other routes.
    for router in (
        campaigns_router,
        writing_router,  # POST /process
        copy_router,  # PATCH /campaigns/{id}/facts
        copy_edit_router,  # PATCH /campaigns/{id}/copy
        proofs_router,
        approval_router,  # POST /approve
        review_links_router,  # sharing: review links and comments, for signed-in users
        download_router,
        delivery_router,
    ):
        api.include_router(router)
    api.include_router(direct_upload_router)  # S3 presigned uploads (app/campaigns/direct_uploads.py)
    app.include_router(api)
    accounts = APIRouter(
        prefix="/api/v1",
        dependencies=[rate_limit("default")],
        responses=error_responses(BadRequest, InvalidInput, RateLimited),
    )
    accounts.include_router(auth_router)
    accounts.include_router(review_public_router)  # review links: no account, own rate limit
    app.include_router(accounts)
    app.include_router(health_router)
    if settings.serve_api_docs:
        mount_api_docs(app)
    if settings.metrics_enabled:
        app.include_router(metrics_router)

    if isinstance(app.state.storage, LocalStorage):
        app.mount("/media", MediaFiles(directory=app.state.storage.root, check_dir=False), name="media")
    else:
        app.include_router(media_router)

    if settings.frontend_dist is not None:
        mount_spa(app, settings.frontend_dist)

    # Added first = innermost. The request id wraps everything, so even a 413 or 500 carries one.
    app.add_middleware(UnhandledErrorMiddleware)
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_request_bytes)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins,
        allow_credentials=True,
        allow_methods=["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
        allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
        expose_headers=["Content-Disposition", "X-Request-ID", "Retry-After"],
    )
    app.add_middleware(SecurityHeadersMiddleware, hsts=settings.environment == "production")
    if settings.metrics_enabled:
        app.add_middleware(MetricsMiddleware)
    app.add_middleware(RequestContextMiddleware)
    app.add_middleware(RequestIdMiddleware)
    return app


app = create_app()
