"""HTTP endpoints: test sends, connected email-service accounts, pushes, and what this server can do."""

import uuid

import httpx
from fastapi import APIRouter, Response, status

from app.auth.deps import CurrentUser
from app.campaigns.deps import CampaignForRead
from app.core.deps import SessionDep, SettingsDep
from app.core.errors import InvalidInput, NotFound, ServiceUnavailable, WrongStep, error_responses
from app.delivery import service
from app.delivery.esp.registry import ProviderName
from app.delivery.models import Integration
from app.delivery.schemas import (
    DeliveryStatus,
    IntegrationCreate,
    IntegrationPublic,
    PushRequest,
    PushResult,
    TestSendRequest,
    TestSendResult,
)
from app.downloads.packaging import PackagePending
from app.downloads.service import ready_package
from app.storage.deps import StorageDep

router = APIRouter(tags=["delivery"])


def _public(integration: Integration) -> IntegrationPublic:
    return IntegrationPublic(
        id=integration.id,
        provider=ProviderName(integration.provider),
        label=integration.label,
        key_hint=integration.key_hint,
        created_at=integration.created_at,
    )


@router.get("/delivery/status", summary="Whether test sends work here, how many are left today, the services")
async def delivery_status(session: SessionDep, settings: SettingsDep, user: CurrentUser) -> DeliveryStatus:
    return await service.delivery_status(session, settings, user)


@router.post(
    "/campaigns/{campaign_id}/test-send",
    summary="Send a proof to up to 5 addresses as a [Test] e-mail",
    responses=error_responses(
        NotFound, WrongStep, service.SendLimitReached, service.DeliveryFailed, ServiceUnavailable
    ),
)
async def test_send(
    campaign: CampaignForRead,
    body: TestSendRequest,
    session: SessionDep,
    storage: StorageDep,
    settings: SettingsDep,
    user: CurrentUser,
) -> TestSendResult:
    return await service.test_send(session, storage, settings, campaign, user, body)


@router.get("/integrations", summary="Connected email-service accounts (never their keys)")
async def list_integrations(session: SessionDep, user: CurrentUser) -> list[IntegrationPublic]:
    return [_public(i) for i in await service.list_integrations(session, user)]


@router.post(
    "/integrations",
    status_code=status.HTTP_201_CREATED,
    summary="Connect an email-service account: its API key is stored encrypted and never shown again",
)
async def connect_integration(
    body: IntegrationCreate, session: SessionDep, settings: SettingsDep, user: CurrentUser
) -> IntegrationPublic:
    return _public(await service.connect(session, settings, user, body))


@router.delete(
    "/integrations/{integration_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a connected account and its key",
    responses=error_responses(NotFound),
)
async def delete_integration(integration_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> Response:
    await service.disconnect(session, user, integration_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/campaigns/{campaign_id}/push",
    summary="Create (or, the next time, update) the approved email as a template at an email service",
    responses=error_responses(
        NotFound, WrongStep, InvalidInput, PackagePending, service.EspRateLimited, service.DeliveryFailed
    ),
)
async def push(
    campaign: CampaignForRead,
    body: PushRequest,
    session: SessionDep,
    storage: StorageDep,
    settings: SettingsDep,
    user: CurrentUser,
) -> PushResult:
    proof, key = await ready_package(session, storage, settings, campaign)
    async with httpx.AsyncClient(follow_redirects=False) as client:
        return await service.push(session, storage, settings, campaign, user, body, key, proof.version, client)
