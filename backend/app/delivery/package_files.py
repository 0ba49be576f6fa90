"""Reading the approved ZIP back: its email for an .eml or a push, and a copy retargeted to one email service.

All blocking (ZIP and deflate): run in a worker thread.
"""

import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from app.delivery.eml import InlineImage, MessageParts, as_bytes, build_message, cid_for
from app.downloads.package import add_file
from app.downloads.targets import EspTarget, retarget

TEXT_FILES = ("email.html", "email-hosted.html", "email.txt")
HOW_TO = "HOW-TO-SEND.txt"
_LOCAL_IMAGE = re.compile(r"""(?<=["'(])images/([A-Za-z0-9._-]+)(?=["')])""")


@dataclass
class PackageFiles:
    html: str  # email.html: images from images/
    hosted_html: str  # email-hosted.html: images from the server
    text: str
    details: dict[str, Any]
    images: dict[str, bytes] = field(default_factory=dict)  # file name (without images/) → bytes

    @property
    def subject(self) -> str:
        return str(self.details.get("primary_subject") or self.details.get("campaign_name") or "")

    @property
    def preheader(self) -> str:
        return str(self.details.get("preheader") or "")


@dataclass(frozen=True)
class Placeholders:
    unsubscribe: str
    view_in_browser: str


def read_package(data: bytes) -> PackageFiles:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
        return PackageFiles(
            html=zf.read("email.html").decode(),
            hosted_html=zf.read("email-hosted.html").decode(),
            text=zf.read("email.txt").decode(),
            details=json.loads(zf.read("details.json")) if "details.json" in names else {},
            images={n.split("/", 1)[1]: zf.read(n) for n in names if n.startswith("images/") and not n.endswith("/")},
        )


def retarget_files(files: PackageFiles, target: EspTarget, marks: Placeholders) -> PackageFiles:
    def swap(html: str, text: str) -> tuple[str, str]:
        return retarget(html, text, target, unsubscribe=marks.unsubscribe, view_in_browser=marks.view_in_browser)

    html, text = swap(files.html, files.text)
    hosted, _ = swap(files.hosted_html, "")
    return PackageFiles(html, hosted, text, files.details, files.images)


def retarget_package(data: bytes, target: EspTarget, marks: Placeholders, how_to: str) -> bytes:
    """The same ZIP with `target`'s merge tags in the HTML and text, and its HOW-TO-SEND.txt."""
    source = io.BytesIO(data)
    out = io.BytesIO()
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        files = read_package(data)
        changed = retarget_files(files, target, marks)
        replaced = {"email.html": changed.html, "email-hosted.html": changed.hosted_html, "email.txt": changed.text}
        for info in zin.infolist():
            if info.filename == HOW_TO:
                continue
            body = replaced[info.filename].encode() if info.filename in replaced else zin.read(info)
            zout.writestr(info, body)  # the same ZipInfo: names, dates, modes and compression kept
        add_file(zout, HOW_TO, how_to)  # mode 0644 like every other file of the package
    return out.getvalue()


def eml_from_package(
    files: PackageFiles, *, from_addr: str, unsubscribe: list[str], cid_domain: str = "hibid-email"
) -> bytes:
    """An RFC 5322 message of the package's email: email.html with its images inline (cid:), and email.txt."""
    used = dict.fromkeys(_LOCAL_IMAGE.findall(files.html))
    images = [InlineImage(cid_for(name, cid_domain), files.images[name], name) for name in used if name in files.images]
    by_name = {image.filename: image.cid for image in images}
    html = _LOCAL_IMAGE.sub(lambda m: f"cid:{by_name[m.group(1)]}" if m.group(1) in by_name else m.group(0), files.html)
    message = build_message(
        MessageParts(
            subject=files.subject,
            html=html,
            text=files.text,
            from_addr=from_addr,
            images=images,
            unsubscribe=unsubscribe,
        )
    )
    message["X-Unsent"] = "1"  # Outlook opens the file as a draft that can be sent, not as a received message
    return as_bytes(message)
