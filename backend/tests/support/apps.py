"""The one way tests build an app: the suite's settings plus overrides, started (lifespan run) or not."""

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from fastapi import FastAPI

from app.core.config import Settings

MakeApp = Callable[..., AbstractAsyncContextManager[FastAPI]]


def app_factory(settings: Settings) -> MakeApp:
    """`async with make_app(**overrides) as app:` an app on `settings` with `overrides`, started unless
    `start=False`; `base=` replaces `settings` as the starting point (for example production settings)."""

    @asynccontextmanager
    async def make_app(*, base: Settings | None = None, start: bool = True, **overrides: Any) -> AsyncIterator[FastAPI]:
        from app.main import create_app  # the app only when a test asks for one

        source = base if base is not None else settings
        application = create_app(source.model_copy(update=overrides) if overrides else source)
        if not start:
            yield application
            return
        async with application.router.lifespan_context(application):
            yield application

    return make_app
