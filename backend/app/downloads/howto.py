"""HOW-TO-SEND.txt: what to do with the downloaded email in the service it will be sent from."""

from app.core.config import Settings
from app.downloads.targets import EspTarget

_COMMON_END = """
Before you send
---------------
- Send yourself a test first (the web app's "Send me a test", or the service's own test send).
- email.html shows the pictures from the images/ folder beside it; email-hosted.html loads them from
  our server. Upload email-hosted.html (or email.html with the images/ folder, where the service hosts
  images for you).
- The plain-text version is email.txt; paste it where the service asks for one.
- The subject lines and preheader we wrote are in details.json.
"""

_STEPS: dict[EspTarget, str] = {
    EspTarget.generic: """How to send this email
======================

This download is not tied to one email service. Its footer links hold two placeholders that YOUR
service must replace when it sends:

  {unsubscribe}  - the recipient's own unsubscribe link (required by law: CAN-SPAM, GDPR)
  {view}  - the "View in browser" link to the web copy of the email

Search email.html and email.txt for them and replace each with your service's own merge tag, e.g.
  Mailchimp:        *|UNSUB|*  and  *|ARCHIVE|*
  SendGrid:         {{{{{{unsubscribe}}}}}}  and  {{{{Weblink}}}}
  Klaviyo:          {{% unsubscribe_link %}}  and  {{% web_view_link %}}
  Constant Contact: [[unsubscribeLink]]  and  [[viewAsWebpage]]
Or download again with the service chosen: the tags are then already in place.
""",
    EspTarget.mailchimp: """How to send this email with Mailchimp
=====================================

The unsubscribe link is already Mailchimp's *|UNSUB|* and "View in browser" is *|ARCHIVE|*.

1. Content > Email templates > Create template > Code your own > Paste in code.
2. Paste the contents of email-hosted.html and save the template.
3. Create an email campaign, choose the template under "Saved templates", set the subject line
   and preview text (details.json), pick the audience and send a test.
The postal address in the footer comes from the upload; Mailchimp also adds its own.
""",
    EspTarget.sendgrid: """How to send this email with SendGrid
====================================

The unsubscribe link is {{{{{{unsubscribe}}}}}} and "View in browser" is {{{{Weblink}}}}, the tags of
SendGrid Marketing Campaigns and of dynamic templates sent with an unsubscribe group.

1. Email API > Dynamic Templates > Create a Dynamic Template > Add Version > Code Editor.
2. Paste email-hosted.html, paste email.txt as the plain-text version, set the subject, make it active.
3. Marketing > Single Sends > Create > import the dynamic template, choose an unsubscribe group,
   and send a test.
Sending through the Mail Send API with an ASM group instead? Replace {{{{{{unsubscribe}}}}}} with
<%asm_group_unsubscribe_raw_url%> (SendGrid's unsubscribe-group tag).
""",
    EspTarget.klaviyo: """How to send this email with Klaviyo
===================================

The unsubscribe link is Klaviyo's {{% unsubscribe_link %}} and "View in browser" is {{% web_view_link %}}.

1. Content > Templates > Create template > HTML (Code) editor.
2. Paste email-hosted.html and save.
3. Create a campaign, use the saved template, set the subject and preview text (details.json),
   choose the list and send a preview.
""",
    EspTarget.constant_contact: """How to send this email with Constant Contact
============================================

The unsubscribe link is [[unsubscribeLink]], "View in browser" is [[viewAsWebpage]], and
[[trackingImage]] (open tracking) sits at the top of the body, as Constant Contact's custom code
emails expect. Constant Contact also adds its own footer with your address.

1. Campaigns > Create > Email > Custom code email.
2. Paste email-hosted.html, set the subject line and preheader (details.json).
3. Choose the contact lists and send a test.
""",
}


def how_to_send(target: EspTarget, *, unsubscribe: str, view_in_browser: str) -> str:
    """The HOW-TO-SEND.txt text for `target` (placeholders as the proof writes them)."""
    body = _STEPS[target].format(unsubscribe=unsubscribe, view=view_in_browser)
    return body + _COMMON_END


def generic_how_to(settings: Settings) -> str:
    """The generic package's how-to: the ESP tags are the settings' placeholders."""
    return how_to_send(
        EspTarget.generic,
        unsubscribe=settings.unsubscribe_placeholder,
        view_in_browser=settings.view_in_browser_placeholder,
    )
