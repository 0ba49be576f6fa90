"""Handing a message to the configured SMTP server (aiosmtplib), within one deadline for the whole exchange."""

import asyncio
import logging
from dataclasses import dataclass
from email.utils import parseaddr

import aiosmtplib

from app.core.config import Settings

logger = logging.getLogger(__name__)


class SmtpFailed(Exception):
    """The server refused, hung up, or did not answer in time; the message is a sentence for the user."""


@dataclass(frozen=True)
class Accepted:
    recipients: list[str]
    refused: list[str]


async def deliver(settings: Settings, raw: bytes, recipients: list[str]) -> Accepted:
    """Send `raw` to `recipients`; which addresses the server accepted. Raises SmtpFailed, never hangs.

    The whole exchange (connect, greeting, STARTTLS, login, every command) gets SMTP_TIMEOUT_S: a server
    that accepts the connection and then says nothing ends in SmtpFailed too.
    """
    host = settings.smtp_host or ""
    sender = parseaddr(settings.smtp_from)[1]
    try:
        async with asyncio.timeout(settings.smtp_timeout_s):
            errors, _ = await aiosmtplib.send(
                raw,
                sender=sender,
                recipients=recipients,
                hostname=host,
                port=settings.smtp_port,
                username=settings.smtp_username,
                password=settings.smtp_password,
                use_tls=settings.smtp_port == 465,
                start_tls=False if settings.smtp_port == 465 else settings.smtp_starttls,
                timeout=settings.smtp_timeout_s,
            )
    except (TimeoutError, aiosmtplib.SMTPTimeoutError) as exc:
        logger.warning("smtp timed out", extra={"smtp_host": host})
        raise SmtpFailed(
            f"The mail server did not answer within {settings.smtp_timeout_s:g} seconds; nothing was sent."
        ) from exc
    except aiosmtplib.SMTPRecipientsRefused as exc:
        logger.warning("smtp refused every recipient", extra={"smtp_host": host})
        raise SmtpFailed("The mail server refused every address; nothing was sent.") from exc
    except aiosmtplib.SMTPAuthenticationError as exc:
        logger.warning("smtp login refused", extra={"smtp_host": host})
        raise SmtpFailed(
            "The mail server refused our login; nothing was sent. Check SMTP_USERNAME and SMTP_PASSWORD."
        ) from exc
    except aiosmtplib.SMTPResponseException as exc:
        logger.warning("smtp refused the message", extra={"smtp_host": host, "smtp_code": exc.code})
        raise SmtpFailed(f"The mail server refused the message ({exc.code}); nothing was sent.") from exc
    except (aiosmtplib.SMTPException, OSError) as exc:
        logger.warning("smtp unreachable", extra={"smtp_host": host, "error": type(exc).__name__})
        raise SmtpFailed("The mail server could not be reached; nothing was sent.") from exc
    refused = [address for address in recipients if address in errors]
    return Accepted([a for a in recipients if a not in errors], refused)
