"""UTM tags on the call-to-action link."""

from app.proofs.utm import UtmTags, add_utm

TAGS = UtmTags("hibid", "email", "winter-sale")


def test_tags_are_added():
    assert add_utm("https://www.hibid.com/catalog/1", TAGS) == (
        "https://www.hibid.com/catalog/1?utm_source=hibid&utm_medium=email&utm_campaign=winter-sale"
    )


def test_existing_query_and_fragment_are_kept():
    url = add_utm("https://shop.example/lots?sort=ending&page=2#top", TAGS)
    assert (
        url
        == "https://shop.example/lots?sort=ending&page=2&utm_source=hibid&utm_medium=email&utm_campaign=winter-sale#top"
    )


def test_advertisers_own_utm_values_win():
    url = add_utm("https://shop.example/?utm_source=newsletter", TAGS)
    assert url == "https://shop.example/?utm_source=newsletter&utm_medium=email&utm_campaign=winter-sale"
    assert add_utm(url, TAGS) == url  # tagging twice changes nothing


def test_values_are_url_encoded():
    assert add_utm("https://a.example/", UtmTags("hi bid", "e&mail", "x")).endswith(
        "?utm_source=hi+bid&utm_medium=e%26mail&utm_campaign=x"
    )


def test_switched_off_or_not_http_leaves_the_link_alone():
    assert add_utm("https://a.example/x", None) == "https://a.example/x"
    assert add_utm("mailto:sales@example.com", TAGS) == "mailto:sales@example.com"
    assert add_utm("{{unsubscribe_url}}", TAGS) == "{{unsubscribe_url}}"
