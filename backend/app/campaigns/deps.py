"""The campaign in the path, as a dependency: found for its owner (or staff), locked when it will change."""

import uuid
from typing import Annotated

from fastapi import Depends

from app.auth.deps import CurrentUser
from app.auth.service import owner_filter
from app.campaigns.models import Campaign
from app.campaigns.queries import get_campaign
from app.core.deps import SessionDep


async def campaign_for_update(campaign_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> Campaign:
    """The campaign in the path, locked for the rest of the request where the database can.

    Another advertiser's campaign is a 404, exactly like an unknown id: its existence is not revealed.
    """
    return await get_campaign(session, campaign_id, for_update=True, owner_id=owner_filter(user))


async def campaign_for_read(campaign_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> Campaign:
    return await get_campaign(session, campaign_id, owner_id=owner_filter(user))


CampaignForUpdate = Annotated[Campaign, Depends(campaign_for_update)]
CampaignForRead = Annotated[Campaign, Depends(campaign_for_read)]
