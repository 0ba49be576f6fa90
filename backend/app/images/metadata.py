"""Strip metadata from a JPEG without re-encoding it: pixels stay byte-exact."""

import struct

from PIL import Image

# Segments kept: everything the decoder needs. Dropped: APPn (EXIF, XMP, IPTC, ICC
# and vendor data, where GPS positions and camera serials live) and comments.
_DROP = {0xFE} | set(range(0xE0, 0xF0))
_ORIENTATION_TAG = 0x0112


def _orientation_app1(orientation: int) -> bytes:
    exif = Image.Exif()
    exif[_ORIENTATION_TAG] = orientation
    payload = b"Exif\x00\x00" + exif.tobytes()
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def strip_jpeg_metadata(data: bytes, orientation: int = 1) -> bytes:
    """Return the JPEG without metadata segments; keeps only the orientation tag (when not 1)."""
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG")
    out = bytearray(b"\xff\xd8")
    if orientation != 1:
        out += _orientation_app1(orientation)
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            raise ValueError("corrupt JPEG marker")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xDA:  # start of scan: the rest is image data
            out += data[pos:]
            return bytes(out)
        length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
        segment = data[pos : pos + 2 + length]
        if marker not in _DROP:
            out += segment
        pos += 2 + length
    raise ValueError("truncated JPEG")
