"""Hostile image files built byte by byte, so each test says exactly what it sends."""

import io
import struct

from PIL import Image


def _sub_blocks(data: bytes) -> bytes:
    out = b"".join(bytes([len(data[i : i + 255])]) + data[i : i + 255] for i in range(0, len(data), 255))
    return out + b"\x00"


def tiny_frame_gif(frames: int, canvas: int = 1000, *, comment: bytes | None = None) -> bytes:
    """An animated GIF of `frames` one-pixel frames on a `canvas`² screen: ~23 bytes a frame.

    Small on the wire, expensive to redraw: every frame is composited on the whole canvas.
    """
    out = bytearray(b"GIF89a")
    out += struct.pack("<HHBBB", canvas, canvas, 0x80, 0, 0)  # global colour table of 2 entries
    out += b"\x00\x00\x00\xff\xff\xff"
    out += b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"  # loop forever
    if comment is not None:
        out += b"\x21\xfe" + _sub_blocks(comment)
    for i in range(frames):
        out += b"\x21\xf9\x04\x00\x02\x00\x00\x00"  # graphic control: 20 ms, no disposal
        x, y = (i * 7) % canvas, (i * 13) % canvas
        out += b"\x2c" + struct.pack("<HHHHB", x, y, 1, 1, 0)
        # LZW, minimum code size 2: clear (4), pixel 1, end (5) in 3-bit codes, LSB first.
        out += b"\x02\x02\x4c\x01\x00"
    out += b"\x3b"
    return bytes(out)


def big_rgba_png(side: int = 6320) -> bytes:
    """A side² RGBA PNG that compresses to a few hundred KB but decodes to side² × 4 bytes."""
    im = Image.new("RGBA", (side, side), (30, 90, 160, 200))
    buf = io.BytesIO()
    im.save(buf, "PNG", compress_level=9)
    return buf.getvalue()
