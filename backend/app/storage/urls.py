"""Where the app serves a stored object: the /media route (campaigns/media_router.py, or media_files.py locally)."""


def media_url(base_url: str, key: str) -> str:
    """Stable public URL of a stored object: the app serves (or redirects) /media/<key>."""
    return f"{base_url}/media/{key}"
