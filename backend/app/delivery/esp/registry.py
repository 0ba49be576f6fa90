"""The email services one can push to, by the name the API uses."""

from enum import StrEnum

from app.core.config import Settings
from app.delivery.esp.base import Provider
from app.delivery.esp.constant_contact import ConstantContact
from app.delivery.esp.klaviyo import Klaviyo
from app.delivery.esp.mailchimp import Mailchimp
from app.delivery.esp.sendgrid import SendGrid


class ProviderName(StrEnum):
    mailchimp = "mailchimp"
    sendgrid = "sendgrid"
    klaviyo = "klaviyo"
    constant_contact = "constant_contact"


DISPLAY_NAMES = {
    ProviderName.mailchimp: "Mailchimp",
    ProviderName.sendgrid: "SendGrid",
    ProviderName.klaviyo: "Klaviyo",
    ProviderName.constant_contact: "Constant Contact",
}


def provider_for(name: ProviderName, settings: Settings, api_key: str) -> Provider:
    if name == ProviderName.mailchimp:
        return Mailchimp(settings.mailchimp_api_base, api_key)
    if name == ProviderName.sendgrid:
        return SendGrid(settings.sendgrid_api_base, api_key)
    if name == ProviderName.klaviyo:
        return Klaviyo(settings.klaviyo_api_base, api_key)
    return ConstantContact(settings.constant_contact_api_base, api_key)
