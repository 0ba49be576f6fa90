"""retarget: both placeholders become the service's tags, in HTML and text; generic keeps them."""

import pytest

from app.downloads.targets import TAGS, EspTarget, retarget

HTML = (
    '<html><body class="x"><a href="{{view_in_browser_url}}">View in browser</a>'
    '<a href="{{unsubscribe_url}}">Unsubscribe</a></body></html>'
)
TEXT = "View in browser: {{view_in_browser_url}}\nUnsubscribe: {{unsubscribe_url}}\n"
MARKS = {"unsubscribe": "{{unsubscribe_url}}", "view_in_browser": "{{view_in_browser_url}}"}


@pytest.mark.parametrize("target", [t for t in EspTarget if t != EspTarget.generic])
def test_each_service_gets_its_unsubscribe_and_view_in_browser_tags(target: EspTarget):
    html, text = retarget(HTML, TEXT, target, **MARKS)
    tags = TAGS[target]
    for body in (html, text):
        assert tags.unsubscribe in body and tags.view_in_browser in body
        assert "{{unsubscribe_url}}" not in body and "{{view_in_browser_url}}" not in body
    assert f'href="{tags.unsubscribe}"' in html and f'href="{tags.view_in_browser}"' in html


def test_mailchimp_uses_unsub_and_archive():
    html, text = retarget(HTML, TEXT, EspTarget.mailchimp, **MARKS)
    assert 'href="*|UNSUB|*"' in html and 'href="*|ARCHIVE|*"' in html
    assert "Unsubscribe: *|UNSUB|*" in text


def test_constant_contact_gets_its_tracking_image_once_inside_body():
    html, _ = retarget(HTML, TEXT, EspTarget.constant_contact, **MARKS)
    assert html.startswith('<html><body class="x">[[trackingImage]]<a')
    again, _ = retarget(html, TEXT, EspTarget.constant_contact, **MARKS)
    assert again.count("[[trackingImage]]") == 1


def test_generic_keeps_the_placeholders():
    assert retarget(HTML, TEXT, EspTarget.generic, **MARKS) == (HTML, TEXT)
