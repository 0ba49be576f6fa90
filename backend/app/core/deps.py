"""What a handler can ask for from the kit: `Annotated` aliases so signatures read as declarations.

The long-lived services are built once, in app.api.services, and kept on `app.state.services`; each
domain that needs one of its own (storage, the copy writer, the signed-in user) declares its dependency
in its own `deps.py`.
"""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from app.core.config import Settings
from app.core.db import session_scope


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.services.settings
    return settings


def get_sessionmaker(request: Request) -> async_sessionmaker[AsyncSession]:
    sessionmaker: async_sessionmaker[AsyncSession] = request.app.state.services.sessionmaker
    return sessionmaker


def get_engine(request: Request) -> AsyncEngine:
    engine: AsyncEngine = request.app.state.services.engine
    return engine


SessionmakerDep = Annotated[async_sessionmaker[AsyncSession], Depends(get_sessionmaker)]


async def get_session(
    sessionmaker: SessionmakerDep, settings: Annotated[Settings, Depends(get_settings_dep)]
) -> AsyncIterator[AsyncSession]:
    async for session in session_scope(sessionmaker, strict=settings.environment == "test"):
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
EngineDep = Annotated[AsyncEngine, Depends(get_engine)]
# scope="function": the session closes before the response is sent, so a write a service left
# uncommitted is an error response in tests (core/db.session_scope).
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
