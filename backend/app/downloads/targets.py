"""Where the email will be sent from: each email service's own unsubscribe and view-in-browser merge tags.

The proof carries two clearly named placeholders (Settings.unsubscribe_placeholder, `{{unsubscribe_url}}`, and
Settings.view_in_browser_placeholder, `{{view_in_browser_url}}`). A target swaps them for the tags its service
replaces at send time, in the HTML and in the plain text. `generic` keeps the placeholders (HOW-TO-SEND.txt
explains them).
"""

import re
from dataclasses import dataclass
from enum import StrEnum


class EspTarget(StrEnum):
    generic = "generic"
    mailchimp = "mailchimp"
    sendgrid = "sendgrid"
    klaviyo = "klaviyo"
    constant_contact = "constant_contact"


@dataclass(frozen=True)
class MergeTags:
    unsubscribe: str
    view_in_browser: str
    # Markup the service wants right after <body> (Constant Contact's open-tracking image).
    body_start: str = ""


TAGS: dict[EspTarget, MergeTags] = {
    # Mailchimp, "All the Merge Tags Cheat Sheet" (https://mailchimp.com/help/all-the-merge-tags-cheat-sheet/):
    # *|UNSUB|* is the unsubscribe link, *|ARCHIVE|* the campaign's web (archive) page.
    EspTarget.mailchimp: MergeTags("*|UNSUB|*", "*|ARCHIVE|*"),
    # SendGrid, Marketing Campaigns / dynamic templates with an unsubscribe group
    # (https://www.twilio.com/docs/sendgrid/ui/sending-email/editor#unsubscribe-modules): {{{unsubscribe}}}
    # (triple braces: Handlebars must not escape the URL) and {{Weblink}}, the "view this email in your
    # browser" link of SendGrid's own modules. Mail Send with an ASM group uses <%asm_group_unsubscribe_raw_url%>
    # instead (https://www.twilio.com/docs/sendgrid/ui/sending-email/group-unsubscribes); HOW-TO-SEND.txt says so.
    EspTarget.sendgrid: MergeTags("{{{unsubscribe}}}", "{{Weblink}}"),
    # Klaviyo, "Understanding unsubscribes" (https://help.klaviyo.com/hc/en-us/articles/115005078267):
    # {% unsubscribe_link %} is the URL alone (for an href); {% web_view_link %} the URL of the web version
    # ({% unsubscribe %} / {% web_view %} would print a whole link, not a URL).
    EspTarget.klaviyo: MergeTags("{% unsubscribe_link %}", "{% web_view_link %}"),
    # Constant Contact, "Design custom code emails" (https://developer.constantcontact.com/api_guide/design_code_emails.html):
    # [[trackingImage]] inside <body> for open tracking; [[unsubscribeLink]] and [[viewAsWebpage]] are its
    # personalization tags for the unsubscribe and web-page links (Constant Contact also adds its own footer).
    EspTarget.constant_contact: MergeTags("[[unsubscribeLink]]", "[[viewAsWebpage]]", body_start="[[trackingImage]]"),
}

_BODY_OPEN = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


def retarget(html: str, text: str, target: EspTarget, *, unsubscribe: str, view_in_browser: str) -> tuple[str, str]:
    """The HTML and plain text with `target`'s merge tags in place of the two placeholders."""
    tags = TAGS.get(target)
    if tags is None:
        return html, text

    def swap(value: str) -> str:
        return value.replace(unsubscribe, tags.unsubscribe).replace(view_in_browser, tags.view_in_browser)

    html, text = swap(html), swap(text)
    if tags.body_start and tags.body_start not in html:
        html = _BODY_OPEN.sub(lambda m: m.group(0) + tags.body_start, html, count=1)
    return html, text
