"""One e-mail message (RFC 5322, MIME) from an email's HTML and plain text: for test sends and .eml files.

multipart/alternative holds the plain text first and the HTML last (the part a client prefers); with inline
images the HTML sits in multipart/related beside them, each referenced from the HTML as `cid:`. Blocking
(DKIM hashing and signing is CPU work): run it in a worker thread.
"""

import mimetypes
import re
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate, make_msgid

import dkim

# Headers a DKIM signature covers (RFC 6376 §5.4.1's recommendations that a message has).
DKIM_HEADERS = [b"from", b"to", b"subject", b"date", b"message-id", b"mime-version", b"content-type",
                b"list-unsubscribe", b"list-unsubscribe-post"]  # fmt: skip


@dataclass(frozen=True)
class InlineImage:
    """An image carried inside the message; the HTML refers to it as `cid:<cid>`."""

    cid: str
    data: bytes
    filename: str

    @property
    def mime(self) -> tuple[str, str]:
        guessed = mimetypes.guess_type(self.filename)[0] or "application/octet-stream"
        main, _, sub = guessed.partition("/")
        return main, sub


@dataclass(frozen=True)
class DkimKey:
    selector: str
    domain: str
    private_key: bytes  # PEM


@dataclass
class MessageParts:
    subject: str
    html: str
    text: str
    from_addr: str
    to: list[str] = field(default_factory=list)
    images: list[InlineImage] = field(default_factory=list)
    # List-Unsubscribe URIs (mailto: and/or https:); an https one also gets List-Unsubscribe-Post (RFC 8058).
    unsubscribe: list[str] = field(default_factory=list)


def cid_for(name: str, domain: str) -> str:
    """A content id for an image file name, unique within the message (RFC 2392 addr-spec form)."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "-", name.rsplit("/", 1)[-1])
    return f"{safe}@{domain}"


def _domain_of(address: str) -> str:
    match = re.search(r"@([A-Za-z0-9.-]+)", address)
    return match.group(1) if match else "localhost"


def build_message(parts: MessageParts) -> EmailMessage:
    """The message, with Message-ID and Date (not signed: `as_bytes` signs what is actually sent)."""
    msg = EmailMessage(policy=SMTP)
    msg["Subject"] = parts.subject
    msg["From"] = parts.from_addr
    if parts.to:
        msg["To"] = ", ".join(parts.to)
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = make_msgid(domain=_domain_of(parts.from_addr))
    if parts.unsubscribe:
        msg["List-Unsubscribe"] = ", ".join(f"<{uri}>" for uri in parts.unsubscribe)
        if any(uri.startswith("https://") for uri in parts.unsubscribe):
            msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg.set_content(parts.text, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(parts.html, subtype="html", charset="utf-8", cte="quoted-printable")
    if parts.images:
        html_part = next(p for p in msg.iter_parts() if p.get_content_type() == "text/html")
        for image in parts.images:
            main, sub = image.mime
            html_part.add_related(image.data, maintype=main, subtype=sub, cid=f"<{image.cid}>", filename=image.filename)
    return msg


def as_bytes(msg: EmailMessage, dkim_key: DkimKey | None = None) -> bytes:
    """The message as sent (CRLF lines); with a key, a DKIM-Signature (relaxed/relaxed, rsa-sha256) on top."""
    raw = msg.as_bytes(policy=SMTP)
    if dkim_key is None:
        return raw
    include = [h for h in DKIM_HEADERS if msg.get(h.decode()) is not None]
    signature = dkim.sign(
        raw,
        dkim_key.selector.encode(),
        dkim_key.domain.encode(),
        dkim_key.private_key,
        include_headers=include,
        canonicalize=(b"relaxed", b"relaxed"),
    )
    return signature + raw
