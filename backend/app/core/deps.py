"""What a handler can ask for: `Annotated` aliases so signatures read as declarations."""

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from app.campaigns.models import Campaign
from app.campaigns.queries import get_campaign
from app.copywriting.base import CopyWriter
from app.core.config import Settings
from app.core.db import session_scope
from app.storage.base import Storage


@dataclass
class AppServices:
    """Long-lived objects built once at start-up (see main.lifespan)."""

    settings: Settings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    storage: Storage
    writer: CopyWriter


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


async def campaign_for_update(campaign_id: uuid.UUID, session: SessionDep) -> Campaign:
    """The campaign in the path, locked for the rest of the request where the database can."""
    return await get_campaign(session, campaign_id, for_update=True)


async def campaign_for_read(campaign_id: uuid.UUID, session: SessionDep) -> Campaign:
    return await get_campaign(session, campaign_id)


CampaignForUpdate = Annotated[Campaign, Depends(campaign_for_update)]
CampaignForRead = Annotated[Campaign, Depends(campaign_for_read)]
