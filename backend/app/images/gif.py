"""GIFs read block by block, never decoded: count the frames, check their cost, drop the metadata.

Redrawing an animation costs canvas pixels × frames, whatever the file's size: 4.6 KB can hold 200
one-pixel frames on a 1000×1000 canvas (200 million pixels to composite, ~19 s of CPU in Pillow).
So the frames are counted from the block structure, stopping as soon as the budget is exceeded, and
the clean copy is made by copying blocks: comments, plain-text blocks and application data (XMP and
the like) are dropped; the image data, palettes, timing and the loop count are kept byte for byte.
"""

import struct
from dataclasses import dataclass

_TRAILER, _EXTENSION, _IMAGE = 0x3B, 0x21, 0x2C
_GRAPHIC_CONTROL, _COMMENT, _PLAIN_TEXT, _APPLICATION = 0xF9, 0xFE, 0x01, 0xFF
_LOOP_EXTENSIONS = (b"\x0bNETSCAPE2.0", b"\x0bANIMEXTS1.0")


class FrameBudgetExceeded(Exception):
    """More canvas pixels × frames than allowed; `frames` is how many were counted before stopping."""

    def __init__(self, frames: int, width: int, height: int):
        super().__init__(f"{frames} frames of {width}×{height}")
        self.frames, self.width, self.height = frames, width, height


@dataclass(frozen=True)
class CleanGif:
    data: bytes
    frames: int
    width: int
    height: int


def _sub_blocks_end(data: bytes, pos: int) -> int:
    """The offset just past the data sub-blocks starting at `pos` (past their 0 terminator)."""
    end = len(data)
    while pos < end:
        size = data[pos]
        pos += 1 + size
        if size == 0:
            return pos
    raise ValueError("truncated GIF")


def clean_gif(data: bytes, *, max_frame_pixels: int) -> CleanGif:
    """The GIF without metadata, with its frame count; ValueError when damaged.

    Raises FrameBudgetExceeded once the frames counted so far cost more than `max_frame_pixels`
    (each frame costs the whole canvas, which grows, as decoders grow it, to fit every frame).
    """
    if data[:6] not in (b"GIF87a", b"GIF89a") or len(data) < 13:
        raise ValueError("not a GIF")
    width, height, flags = struct.unpack("<HHB", data[6:11])
    pos = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    out = bytearray(data[:pos])
    frames = cost = 0
    control = b""  # a graphic control block, held until we know what it applies to
    while True:
        if pos >= len(data):
            if not frames:
                raise ValueError("truncated GIF")
            break  # a missing trailer is common and harmless: add it
        kind = data[pos]
        if kind == _TRAILER:
            break
        if kind == _EXTENSION and pos + 1 < len(data):
            label = data[pos + 1]
            end = _sub_blocks_end(data, pos + 2)
            if label == _GRAPHIC_CONTROL:
                control = data[pos:end]
            elif label == _APPLICATION and data[pos + 2 : pos + 14] in _LOOP_EXTENSIONS:
                out += data[pos:end]
            elif label == _PLAIN_TEXT:
                control = b""  # its timing went with the text, which is dropped
            pos = end
        elif kind == _IMAGE and pos + 10 <= len(data):
            x, y, w, h, image_flags = struct.unpack("<HHHHB", data[pos + 1 : pos + 10])
            header_end = pos + 10 + (3 << ((image_flags & 7) + 1) if image_flags & 0x80 else 0)
            end = _sub_blocks_end(data, header_end + 1)  # after the LZW minimum code size
            width, height = max(width, x + w), max(height, y + h)
            frames += 1
            cost += width * height
            if cost > max_frame_pixels:
                raise FrameBudgetExceeded(frames, width, height)
            out += control + data[pos:end]
            control = b""
            pos = end
        elif frames:
            break  # junk after the last frame: decoders stop there too
        else:
            raise ValueError("corrupt GIF block")
    out += b"\x3b"
    return CleanGif(bytes(out), frames, width, height)
