"""What a handler can ask for: `Annotated` aliases so signatures read as declarations."""

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from app.auth.models import User
from app.auth.security import oauth2_scheme
from app.auth.service import owner_filter, user_for_token
from app.campaigns.models import Campaign
from app.campaigns.queries import get_campaign
from app.copywriting.base import CopyWriter
from app.core.config import Settings
from app.core.db import session_scope
from app.core.log_context import bind_user
from app.ratelimit.limiter import RateLimiter
from app.storage.base import Storage


@dataclass
class AppServices:
    """Long-lived objects built once at start-up (see main.lifespan)."""

    settings: Settings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    storage: Storage
    writer: CopyWriter
    limiter: RateLimiter


def get_services(request: Request) -> AppServices:
    services: AppServices = request.app.state.services
    return services


ServicesDep = Annotated[AppServices, Depends(get_services)]


def get_settings_dep(services: ServicesDep) -> Settings:
    return services.settings


async def get_session(services: ServicesDep) -> AsyncIterator[AsyncSession]:
    async for session in session_scope(services.sessionmaker):
        yield session


def get_storage(services: ServicesDep) -> Storage:
    return services.storage


def get_writer(services: ServicesDep) -> CopyWriter:
    return services.writer


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
# scope="function": commit before the response is sent, so a failed commit is an error response.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
StorageDep = Annotated[Storage, Depends(get_storage)]
WriterDep = Annotated[CopyWriter, Depends(get_writer)]


async def get_current_user(
    token: Annotated[str | None, Depends(oauth2_scheme)], session: SessionDep, settings: SettingsDep
) -> User:
    """The signed-in user; 401 `not_authenticated` for a missing, forged or expired token."""
    user = await user_for_token(session, settings, token)
    bind_user(user.id)  # log lines and error reports of this request carry the user id
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]


async def campaign_for_update(campaign_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> Campaign:
    """The campaign in the path, locked for the rest of the request where the database can.

    Another advertiser's campaign is a 404, exactly like an unknown id: its existence is not revealed.
    """
    return await get_campaign(session, campaign_id, for_update=True, owner_id=owner_filter(user))


async def campaign_for_read(campaign_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> Campaign:
    return await get_campaign(session, campaign_id, owner_id=owner_filter(user))


CampaignForUpdate = Annotated[Campaign, Depends(campaign_for_update)]
CampaignForRead = Annotated[Campaign, Depends(campaign_for_read)]
