"""Delivery fixtures: a loopback SMTP inbox, a fake email-service API, and settings pointing at them."""

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from app.core.config import Settings
from tests.support.fake_esp import FakeEsp, start_fake_esp
from tests.support.smtp_servers import Inbox, start_inbox

FROM = "HiBid Proofs <proofs@hibid.test>"


@pytest.fixture(scope="session")
def smtp_inbox() -> Iterator[tuple[int, Inbox]]:
    controller, inbox = start_inbox()
    yield controller.port, inbox
    controller.stop()


@pytest.fixture(scope="session")
def fake_esp() -> Iterator[FakeEsp]:
    server, esp = start_fake_esp()
    yield esp
    server.shutdown()


@pytest.fixture
def inbox(smtp_inbox: tuple[int, Inbox]) -> Inbox:
    smtp_inbox[1].arrived.clear()
    return smtp_inbox[1]


@pytest.fixture
def delivery_settings(app: Any, smtp_inbox: tuple[int, Inbox], fake_esp: FakeEsp) -> Iterator[Any]:
    """Switch the running app's settings to the loopback servers for one test; `configure(**changes)` for more."""
    services = app.state.services
    original: Settings = services.settings
    fake_esp.reset()

    def configure(**changes: Any) -> Settings:
        services.settings = original.model_copy(
            update={
                "smtp_host": "127.0.0.1",
                "smtp_port": smtp_inbox[0],
                "smtp_starttls": False,
                "smtp_from": FROM,
                "smtp_timeout_s": 3.0,
                "test_send_unsubscribe_url": "https://email.hibid.test/unsubscribe",
                "mailchimp_api_base": fake_esp.base("mailchimp") + "/{dc}/3.0",
                "sendgrid_api_base": fake_esp.base("sendgrid"),
                "klaviyo_api_base": fake_esp.base("klaviyo"),
                "constant_contact_api_base": fake_esp.base("constant_contact") + "/v3",
                **changes,
            }
        )
        return services.settings

    configure()
    yield configure
    services.settings = original


@pytest.fixture
async def approved(uploads: Any) -> AsyncIterator[dict[str, Any]]:
    yield await uploads.approved()
