"""Whether an origin is one a recipient's mail client can load images from: https, and a public host."""

import ipaddress
from urllib.parse import urlsplit


def why_not_public(url: str) -> str | None:
    """The reason recipients cannot load images from `url` (plain http, localhost, a private address), or None."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https":
        return "it is plain http, which mail clients block or warn about"
    if host in ("localhost", "") or host.endswith((".localhost", ".local", ".internal", ".lan")) or "." not in host:
        return f"{host or 'its host'} is not reachable from the internet"
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None
    if not address.is_global:
        return f"{host} is a private address"
    return None
