"""Strip metadata from image files without re-encoding them: pixels stay byte-exact.

Each function copies the blocks a decoder needs and drops the rest: comments, EXIF (where GPS
positions and camera serials live), XMP, IPTC, text chunks, vendor data, and anything after the
file's end marker (a second JPEG carrying GPS, appended after the first one's end, is data too).
All raise ValueError for a damaged or truncated file.
"""

import re
import struct
import zlib

from PIL import Image

# JPEG segments dropped: APPn (EXIF, XMP, IPTC, ICC and vendor data) and comments.
_DROP = {0xFE} | set(range(0xE0, 0xF0))
_ORIENTATION_TAG = 0x0112
# In entropy-coded data every FF is followed by 00 (stuffing) or a restart marker D0–D7; anything else
# (after optional FF fill bytes) is a marker: between scans of a progressive JPEG, or the end.
_NEXT_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
_EOI = 0xD9

# PNG chunks kept: the image itself and how to show its colours. Dropped: tEXt/zTXt/iTXt, eXIf,
# tIME, animation chunks (the stored original is the still image, as before) and private chunks.
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_KEEP = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"cICP"}
_PNG_KEEP |= {b"mDCV", b"cLLI", b"pHYs", b"bKGD"}

# WebP chunks dropped: EXIF and XMP; the VP8X header's flags for them are cleared to match.
_WEBP_DROP = {b"EXIF", b"XMP "}
_VP8X_EXIF_XMP_FLAGS = 0x08 | 0x04


def _orientation_app1(orientation: int) -> bytes:
    exif = Image.Exif()
    exif[_ORIENTATION_TAG] = orientation
    payload = b"Exif\x00\x00" + exif.tobytes()
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def _segment_end(data: bytes, pos: int) -> int:
    if pos + 4 > len(data):
        raise ValueError("truncated JPEG")
    end = pos + 2 + struct.unpack(">H", data[pos + 2 : pos + 4])[0]
    if end > len(data):
        raise ValueError("truncated JPEG")
    return end


def strip_jpeg_metadata(data: bytes, orientation: int = 1) -> bytes:
    """The JPEG up to its end marker without metadata segments; keeps only the orientation (when not 1).

    One regular-expression scan over the image data (C speed: ~1 ms for a 4 MB photo), and one copy:
    the kept pieces are views joined at the end. Growing a bytearray instead cost 24–38 ms of CPU per
    4 MB photo here (three multi-MB allocations and their page faults, all holding the GIL).
    """
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG")
    view = memoryview(data)
    out: list[bytes | memoryview] = [b"\xff\xd8"]
    if orientation != 1:
        out.append(_orientation_app1(orientation))
    pos, in_scan = 2, False
    while True:
        if in_scan:  # image data up to the next marker
            found = _NEXT_MARKER.search(data, pos)
            if found is None:
                raise ValueError("truncated JPEG: no end-of-image marker")
            out.append(view[pos : found.start()])
            pos = found.start()
        if pos + 2 > len(data) or data[pos] != 0xFF:
            raise ValueError("corrupt JPEG marker")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == _EOI:
            if not in_scan:
                raise ValueError("JPEG without image data")
            out.append(b"\xff\xd9")
            return b"".join(out)  # whatever follows the end marker is not part of the image
        end = _segment_end(data, pos)
        if marker not in _DROP:
            out.append(view[pos:end])
        in_scan = in_scan or marker == 0xDA  # after the first scan header, data follows each segment
        pos = end


def strip_png_metadata(data: bytes) -> bytes:
    """The PNG with only the chunks that draw it, up to IEND."""
    if data[:8] != _PNG_SIGNATURE:
        raise ValueError("not a PNG")
    view = memoryview(data)
    out: list[bytes | memoryview] = [_PNG_SIGNATURE]  # joined once at the end, as for JPEG
    pos = 8
    while True:
        if pos + 12 > len(data):
            raise ValueError("truncated PNG")
        length = struct.unpack(">I", data[pos : pos + 4])[0]
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            raise ValueError("truncated PNG")
        if kind in _PNG_KEEP:
            crc = struct.unpack(">I", data[end - 4 : end])[0]
            if kind != b"IDAT" and zlib.crc32(data[pos + 4 : end - 4]) != crc:  # IDAT: checked by decoding
                raise ValueError(f"corrupt PNG chunk {kind!r}")
            out.append(view[pos:end])
        if kind == b"IEND":
            return b"".join(out)
        pos = end


def strip_webp_metadata(data: bytes) -> bytes:
    """The WebP without its EXIF and XMP chunks (pixels, alpha, animation and colour profile kept)."""
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise ValueError("not a WebP")
    end_of_riff = min(len(data), 8 + struct.unpack("<I", data[4:8])[0])
    chunks = bytearray()
    pos = 12
    while pos + 8 <= end_of_riff:
        kind = data[pos : pos + 4]
        size = struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        end = pos + 8 + size + (size & 1)  # chunks are padded to an even size
        if pos + 8 + size > end_of_riff:
            raise ValueError("truncated WebP")
        chunk = data[pos : pos + 8 + size] + (b"\x00" if size & 1 else b"")
        if kind == b"VP8X" and size >= 10:
            chunk = chunk[:8] + bytes([chunk[8] & ~_VP8X_EXIF_XMP_FLAGS & 0xFF]) + chunk[9:]
        if kind not in _WEBP_DROP:
            chunks += chunk
        pos = end
    if not chunks:
        raise ValueError("WebP without image data")
    return b"RIFF" + struct.pack("<I", len(chunks) + 4) + b"WEBP" + bytes(chunks)
