"""Delivery's business rules: test sends, .eml and retargeted downloads, connected accounts and pushes."""

import logging
import uuid
from datetime import timedelta
from email.utils import parseaddr

import httpx
from email_validator import EmailNotValidError, validate_email
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.auth.models import User
from app.campaigns.models import Campaign
from app.copywriting.queries import copy_version
from app.core.clock import utcnow
from app.core.config import Settings
from app.core.errors import AppError, InvalidInput, NotFound, ServiceUnavailable, WrongStep
from app.core.transactions import commit
from app.core.workers import run_cpu
from app.delivery.crypto import KeyUnreadable, decrypt_key, encrypt_key, key_hint
from app.delivery.eml import DkimKey, InlineImage, MessageParts, as_bytes, build_message, cid_for
from app.delivery.esp.base import EspError, EspHttp, Template
from app.delivery.esp.registry import DISPLAY_NAMES, ProviderName, provider_for
from app.delivery.models import Integration, PushRecord, TestSend
from app.delivery.package_files import (
    PackageFiles,
    Placeholders,
    eml_from_package,
    read_package,
    retarget_files,
    retarget_package,
)
from app.delivery.schemas import (
    DeliveryStatus,
    ImageMode,
    IntegrationCreate,
    PushRequest,
    PushResult,
    TestSendRequest,
    TestSendResult,
)
from app.delivery.smtp import SmtpFailed, deliver
from app.downloads.howto import how_to_send
from app.downloads.targets import EspTarget
from app.proofs.models import ProofVersion
from app.proofs.queries import latest_proof
from app.proofs.service import localise_images, media_keys_in
from app.storage.base import Storage, StorageError

logger = logging.getLogger(__name__)
DAY = timedelta(days=1)


class SmtpNotConfigured(ServiceUnavailable):
    code = "smtp_not_configured"


class DeliveryFailed(AppError):
    """The mail server or email service failed us: 502, nothing recorded."""

    status_code = 502
    code = "delivery_failed"


class SendLimitReached(AppError):
    status_code = 429
    code = "test_send_limit"


class EspRateLimited(AppError):
    status_code = 429
    code = "esp_rate_limited"


def placeholders(settings: Settings) -> Placeholders:
    return Placeholders(settings.unsubscribe_placeholder, settings.view_in_browser_placeholder)


# ---------------------------------------------------------------- test sends


def _addresses(raw: list[str]) -> list[str]:
    out: list[str] = []
    for value in raw:
        try:
            checked = validate_email(value.strip(), check_deliverability=False)
        except EmailNotValidError as exc:
            shown = value.strip()[:80]
            raise InvalidInput(f"{shown!r} is not an email address: {exc}", code="invalid_address") from exc
        if checked.normalized.lower() not in (a.lower() for a in out):
            out.append(checked.normalized)
    return out


async def _sent_in_last_day(session: AsyncSession, user_id: uuid.UUID) -> list[TestSend]:
    since = utcnow() - DAY
    stmt = select(TestSend).where(TestSend.user_id == user_id, col(TestSend.sent_at) >= since)
    return list((await session.exec(stmt)).all())


async def delivery_status(session: AsyncSession, settings: Settings, user: User) -> DeliveryStatus:
    used = sum(len(s.recipients) for s in await _sent_in_last_day(session, user.id))
    return DeliveryStatus(
        test_send_available=bool(settings.smtp_host),
        test_send_daily_limit=settings.test_send_daily_limit,
        test_sends_left_today=max(0, settings.test_send_daily_limit - used),
        providers=list(ProviderName),
    )


def _dkim_key(settings: Settings) -> DkimKey | None:
    if not (settings.dkim_private_key and settings.dkim_selector and settings.dkim_domain):
        return None
    pem = settings.dkim_private_key
    if "-----BEGIN" not in pem:
        with open(pem, "rb") as fh:  # a path to the PEM file
            return DkimKey(settings.dkim_selector, settings.dkim_domain, fh.read())
    return DkimKey(settings.dkim_selector, settings.dkim_domain, pem.replace("\\n", "\n").encode())


def test_unsubscribe_uris(settings: Settings) -> list[str]:
    sender = parseaddr(settings.smtp_from)[1]
    uris = [f"mailto:{sender}?subject=unsubscribe"] if sender else []
    if settings.test_send_unsubscribe_url:
        uris.append(settings.test_send_unsubscribe_url)
    return uris


async def _proof(session: AsyncSession, campaign: Campaign, version: int | None) -> ProofVersion:
    if version is None:
        proof = await latest_proof(session, campaign.id)
        if proof is None:
            raise WrongStep("No proof to send yet: run generate (POST /api/v1/generate/{id}) first.")
        return proof
    stmt = select(ProofVersion).where(ProofVersion.campaign_id == campaign.id, ProofVersion.version == version)
    found = (await session.exec(stmt)).first()
    if found is None:
        raise NotFound(f"This campaign has no proof version {version}.", code="proof_not_found")
    return found


async def _inline_images(storage: Storage, html: str, base_url: str) -> tuple[str, list[InlineImage]]:
    images: list[InlineImage] = []
    replacements: dict[str, str] = {}
    for key in media_keys_in(html, base_url):
        try:
            data = await storage.get(key)
        except StorageError:
            logger.warning("image missing for a test send", extra={"key": key})
            continue
        image = InlineImage(cid_for(key, "hibid-email"), data, key.rsplit("/", 1)[-1])
        images.append(image)
        replacements[f"{base_url}/media/{key}"] = f"cid:{image.cid}"
    return localise_images(html, replacements), images


async def test_send(
    session: AsyncSession,
    storage: Storage,
    settings: Settings,
    campaign: Campaign,
    user: User,
    request: TestSendRequest,
) -> TestSendResult:
    """Send a proof to up to five addresses; record it only once the server has accepted it."""
    if not settings.smtp_host:
        raise SmtpNotConfigured("Test e-mails are not set up on this server (no SMTP server configured).")
    to = _addresses(request.to)
    earlier = await _sent_in_last_day(session, user.id)
    used = sum(len(s.recipients) for s in earlier)
    if used + len(to) > settings.test_send_daily_limit:
        oldest = min((s.sent_at for s in earlier), default=utcnow())
        wait = max(60, int((oldest + DAY - utcnow()).total_seconds()))
        left = max(0, settings.test_send_daily_limit - used)
        raise SendLimitReached(
            f"You can send test e-mails to {settings.test_send_daily_limit} addresses a day; {left} left today.",
            headers={"Retry-After": str(wait)},
        )
    proof = await _proof(session, campaign, request.version)
    copy = await copy_version(session, campaign.id, proof.copy_version)
    subject = copy.subject_lines[copy.primary_subject_index] if copy and copy.subject_lines else campaign.campaign_name
    html = (await storage.get(proof.html_key)).decode()
    text = proof.plain_text
    unsubscribe = test_unsubscribe_uris(settings)
    view = f"{str(settings.frontend_url).rstrip('/')}/campaigns/{campaign.id}"
    link = next((u for u in unsubscribe if u.startswith("https://")), unsubscribe[0] if unsubscribe else "")
    for marks, value in ((settings.unsubscribe_placeholder, link), (settings.view_in_browser_placeholder, view)):
        html, text = html.replace(marks, value), text.replace(marks, value)
    images: list[InlineImage] = []
    if request.images == ImageMode.inline:
        html, images = await _inline_images(storage, html, settings.public_base_url)
    parts = MessageParts(
        subject=f"[Test] {subject}", html=html, text=text, from_addr=settings.smtp_from, to=to,
        images=images, unsubscribe=unsubscribe,
    )  # fmt: skip
    message = build_message(parts)
    raw = await run_cpu(as_bytes, message, _dkim_key(settings))
    try:
        accepted = await deliver(settings, raw, to)
    except SmtpFailed as exc:
        raise DeliveryFailed(str(exc), code="smtp_failed") from exc
    message_id = str(message["Message-ID"])
    if accepted.recipients:
        session.add(
            TestSend(
                campaign_id=campaign.id, user_id=user.id, recipients=accepted.recipients,
                proof_version=proof.version, message_id=message_id[:300],
            )
        )  # fmt: skip
        await commit(session)
    logger.info("test send", extra={"campaign_id": str(campaign.id), "recipients": len(accepted.recipients)})
    return TestSendResult(
        accepted=accepted.recipients,
        refused=accepted.refused,
        message_id=message_id,
        proof_version=proof.version,
        subject=parts.subject,
        remaining_today=max(0, settings.test_send_daily_limit - used - len(accepted.recipients)),
    )


# ---------------------------------------------------------------- downloads


async def package_files(storage: Storage, key: str) -> PackageFiles:
    return await run_cpu(read_package, await storage.get(key))


async def retargeted_zip(storage: Storage, settings: Settings, key: str, target: EspTarget) -> bytes:
    marks = placeholders(settings)
    how_to = how_to_send(target, unsubscribe=marks.unsubscribe, view_in_browser=marks.view_in_browser)
    return await run_cpu(retarget_package, await storage.get(key), target, marks, how_to)


async def eml_file(storage: Storage, settings: Settings, key: str, target: EspTarget) -> bytes:
    files = retarget_files(await package_files(storage, key), target, placeholders(settings))
    return await run_cpu(
        eml_from_package, files, from_addr=settings.smtp_from, unsubscribe=test_unsubscribe_uris(settings)
    )


# ---------------------------------------------------------------- connected accounts


async def list_integrations(session: AsyncSession, user: User) -> list[Integration]:
    stmt = select(Integration).where(Integration.owner_id == user.id).order_by(col(Integration.created_at))
    return list((await session.exec(stmt)).all())


async def connect(session: AsyncSession, settings: Settings, user: User, request: IntegrationCreate) -> Integration:
    """Store the key encrypted; connecting the same service again replaces the key (pushes keep their templates)."""
    api_key = request.api_key.strip()
    stmt = select(Integration).where(Integration.owner_id == user.id, Integration.provider == request.provider.value)
    ciphertext = encrypt_key(settings, api_key)
    integration = (await session.exec(stmt)).first() or Integration(
        owner_id=user.id, provider=request.provider.value, key_ciphertext=ciphertext
    )
    integration.key_ciphertext = ciphertext
    integration.key_hint = key_hint(api_key)
    integration.label = request.label.strip() or DISPLAY_NAMES[request.provider]
    session.add(integration)
    await commit(session)
    logger.info("integration connected", extra={"provider": request.provider.value})
    return integration


async def disconnect(session: AsyncSession, user: User, integration_id: uuid.UUID) -> None:
    integration = await session.get(Integration, integration_id)
    if integration is None or integration.owner_id != user.id:
        raise NotFound("No such connected account.", code="integration_not_found")
    await session.delete(integration)
    await commit(session)


# ---------------------------------------------------------------- pushes


def _esp_error(exc: EspError) -> AppError:
    if exc.kind == "rate_limited":
        return EspRateLimited(exc.detail, headers={"Retry-After": str(exc.retry_after or 60)})
    if exc.kind == "unauthorized":
        return InvalidInput(exc.detail, code="esp_key_rejected")
    if exc.kind in ("rejected", "not_found"):
        return InvalidInput(exc.detail, code="esp_rejected")
    return DeliveryFailed(exc.detail, code="esp_unavailable")


async def push(
    session: AsyncSession,
    storage: Storage,
    settings: Settings,
    campaign: Campaign,
    user: User,
    request: PushRequest,
    package_key: str,
    proof_version: int,
    http_client: httpx.AsyncClient,
) -> PushResult:
    """Create the template in the user's account at that service, or update the one this campaign pushed before."""
    name = request.provider
    stmt = select(Integration).where(Integration.owner_id == user.id, Integration.provider == name.value)
    integration = (await session.exec(stmt)).first()
    if integration is None:
        raise WrongStep(
            f"Connect your {DISPLAY_NAMES[name]} account first (POST /api/v1/integrations).", code="not_connected"
        )
    try:
        api_key = decrypt_key(settings, integration.key_ciphertext)
    except KeyUnreadable as exc:
        raise WrongStep(
            f"The saved {DISPLAY_NAMES[name]} key can no longer be read; connect the account again.",
            code="not_connected",
        ) from exc
    files = retarget_files(await package_files(storage, package_key), EspTarget(name.value), placeholders(settings))
    template = Template(
        name=f"{campaign.campaign_name} · {campaign.slug}"[:100],
        subject=files.subject,
        preheader=files.preheader,
        html=files.hosted_html,
        text=files.text,
        from_name=campaign.advertiser_name,
        from_email=request.from_email or user.email,
    )
    record = (
        await session.exec(
            select(PushRecord).where(PushRecord.campaign_id == campaign.id, PushRecord.integration_id == integration.id)
        )
    ).first()
    try:
        provider = provider_for(name, settings, api_key)
        http = EspHttp(http_client, provider.name, provider.headers(), api_key, settings.esp_timeout_s)
        pushed = None
        if record is not None:
            try:
                pushed = await provider.update(http, record.remote_id, template)
            except EspError as exc:
                if exc.kind != "not_found":
                    raise
                logger.info("pushed template gone; creating it again", extra={"provider": name.value})
        created = pushed is None
        if pushed is None:
            pushed = await provider.create(http, template)
    except EspError as exc:
        raise _esp_error(exc) from exc
    now = utcnow()
    if record is None:
        record = PushRecord(campaign_id=campaign.id, integration_id=integration.id, provider=name.value,
                            remote_id=pushed.remote_id, proof_version=proof_version)  # fmt: skip
    record.remote_id = pushed.remote_id[:200]
    record.remote_url = pushed.url
    record.proof_version = proof_version
    record.updated_at = now
    session.add(record)
    await commit(session)
    logger.info("pushed", extra={"provider": name.value, "campaign_id": str(campaign.id), "new_template": created})
    return PushResult(
        provider=name, remote_id=pushed.remote_id, url=pushed.url, created=created, proof_version=proof_version
    )
