"""Validate uploaded images by their bytes and make email-ready renditions."""

import io
import struct
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from app.images.gif import FrameBudgetExceeded, clean_gif
from app.images.metadata import strip_jpeg_metadata, strip_png_metadata, strip_webp_metadata

# A decompression bomb must be an error, never a warning that lets it through.
warnings.simplefilter("error", Image.DecompressionBombWarning)

# What one decoded pixel costs at the peak of `optimize_image`: Pillow holds 4 bytes a pixel (RGB too),
# and the half-size reduction and its resize add about half as much again.
PEAK_BYTES_PER_PIXEL = 6
# Above 3 × the target width, an image is first reduced (a third or more) in strips: resizing an RGBA image
# makes a premultiplied copy of it, 160 MB more for a 6320×6320 PNG; a strip's copy is a few MB.
_STRIP_PIXELS = 1_000_000  # 4 MB strips: under the mmap threshold, so each thread reuses the same memory
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}

ACCEPTED_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
ACCEPTED_LABEL = "JPEG, PNG, GIF or WebP"
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp"}


class ImageRejected(Exception):
    """The bytes are not an image we accept; `code` says why."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class StoredImage:
    data: bytes
    content_type: str
    width: int
    height: int

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]


@dataclass(frozen=True)
class OptimizedImage:
    original: StoredImage
    rendition: StoredImage
    has_alpha: bool


def _open(data: bytes, max_pixels: int) -> Image.Image:
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        im = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageRejected(
            f"The image has too many pixels (limit {max_pixels // 1_000_000} megapixels).",
            "image_too_large",
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ImageRejected(
            f"The file is not a supported image. Upload a {ACCEPTED_LABEL} file.",
            "unsupported_media_type",
        ) from exc
    if im.format not in ACCEPTED_FORMATS:
        raise ImageRejected(
            f"{im.format or 'This'} images are not supported. Upload a {ACCEPTED_LABEL} file.",
            "unsupported_media_type",
        )
    if im.width * im.height > max_pixels:
        raise ImageRejected(
            f"The image has too many pixels (limit {max_pixels // 1_000_000} megapixels).",
            "image_too_large",
        )
    return im


def _has_alpha(im: Image.Image) -> bool:
    if im.mode in ("RGBA", "LA", "PA"):
        alpha = im.getextrema()[-1]  # per band, without copying the alpha channel out
        return isinstance(alpha, tuple) and alpha[0] < 255
    return im.mode == "P" and "transparency" in im.info


def _orientation(im: Image.Image) -> int:
    orientation = im.getexif().get(0x0112, 1)
    return orientation if orientation in range(1, 9) else 1


def _encode(im: Image.Image, *, keep_alpha: bool) -> StoredImage:
    buf = io.BytesIO()
    if keep_alpha:
        im = im.convert("RGBA")
        im.info.pop("comment", None)
        # zlib's default level, not optimize=True (level 9): a 600×300 logo with photographic detail took
        # 1.6 s of CPU at level 9 and 80 ms at 6 for a file 2.5 % larger; a flat logo 16 → 12 ms, +0.3 KB.
        im.save(buf, "PNG", compress_level=6)
        content_type = "image/png"
    else:
        im = im.convert("RGB")  # a copy: its info can be changed
        im.info.pop("comment", None)  # Pillow writes a JPEG or GIF comment back as a COM marker
        # Baseline, standard tables: a fifth of the CPU of progressive + optimised (4 vs 26 ms for 1200×900)
        # for files about 8 % larger; every mail client shows baseline JPEGs (docs/PERFORMANCE.md).
        im.save(buf, "JPEG", quality=82)
        content_type = "image/jpeg"
    return StoredImage(buf.getvalue(), content_type, im.width, im.height)


def _check_gif(data: bytes, max_frame_pixels: int) -> tuple[bytes, int]:
    """The GIF without metadata and its frame count, refused when redrawing it would cost too much."""
    try:
        gif = clean_gif(data, max_frame_pixels=max_frame_pixels)
    except FrameBudgetExceeded as exc:
        raise ImageRejected(
            f"The animation is too large: at {exc.width}×{exc.height} pixels it may have at most "
            f"{max_frame_pixels // (exc.width * exc.height)} frames (limit: {max_frame_pixels // 1_000_000} "
            "million pixels over all frames). Use fewer frames or a smaller size.",
            "animation_too_large",
        ) from exc
    except (ValueError, IndexError, struct.error) as exc:
        raise ImageRejected("The image is damaged or incomplete.", "corrupt_image") from exc
    return gif.data, gif.frames


def _clean_original(data: bytes, image_format: str, size: tuple[int, int], orientation: int) -> StoredImage:
    """The original, pixels untouched, with every metadata field removed (GIFs: see `_check_gif`)."""
    try:
        if image_format == "JPEG":
            cleaned = strip_jpeg_metadata(data, orientation)
        elif image_format == "PNG":
            cleaned = strip_png_metadata(data)
        else:
            cleaned = strip_webp_metadata(data)
    except (ValueError, IndexError, struct.error) as exc:
        raise ImageRejected("The image is damaged or incomplete.", "corrupt_image") from exc
    return StoredImage(cleaned, ACCEPTED_FORMATS[image_format], *size)


def _shrink_in_strips(im: Image.Image, max_width: int, orientation: int) -> Image.Image | None:
    """Reduce by a whole factor (box average), strip by strip, to 1.5–3 × `max_width`; None when small enough.

    Same pixels as `im.reduce(factor)` on the converted image, without a full-size copy at any moment.
    """
    upright_width = im.height if orientation in (5, 6, 7, 8) else im.width
    factor = upright_width * 2 // (3 * max_width)
    if factor < 2:
        return None
    mode = "RGBA" if im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info else "RGB"
    out = Image.new(mode, (-(-im.width // factor), -(-im.height // factor)))
    rows = factor * max(1, _STRIP_PIXELS // (im.width * factor))
    for top in range(0, im.height, rows):
        strip = im.crop((0, top, im.width, min(im.height, top + rows))).convert(mode)
        out.paste(strip.reduce(factor), (0, top // factor))
    return out


def _rendition(im: Image.Image, max_width: int, orientation: int) -> tuple[StoredImage, bool]:
    """The email rendition of a decoded image, and whether it keeps transparency. Closes `im` early."""
    shrunk = _shrink_in_strips(im, max_width, orientation)
    if shrunk is None:
        # In place: a copy of a 2000×1500 decode would cost more than the transpose itself.
        upright = im
        ImageOps.exif_transpose(upright, in_place=True)
    else:
        im.close()  # the full-size decode is no longer needed: free it before resizing
        upright = shrunk.transpose(_TRANSPOSE[orientation]) if orientation != 1 else shrunk
    alpha = _has_alpha(upright)
    if upright.width > max_width:
        # Hamming: a windowed-sinc filter, sharper than bilinear at the same cost, a third cheaper than
        # bicubic (16 vs 24 ms for 2000×1500 → 1200×900); the draft decode already did the coarse halving.
        upright.thumbnail((max_width, max_width * 4), Image.Resampling.HAMMING, reducing_gap=3.0)
    return _encode(upright, keep_alpha=alpha), alpha


def decode_cost(data: bytes, *, max_width: int) -> int:
    """Bytes `optimize_image` (or `render_photo`) will hold at its peak, from the header alone.

    0 for bytes that are not an image: the call that follows refuses them without decoding.
    """
    try:
        with Image.open(io.BytesIO(data)) as im:
            if im.format == "JPEG":
                im.draft("RGB", (max_width, max_width))  # the reduced-scale decode that will happen
            width, height = im.size
    except (OSError, SyntaxError, ValueError, struct.error, Image.DecompressionBombError, Warning):
        return 0
    return width * height * PEAK_BYTES_PER_PIXEL


def optimize_image(
    data: bytes, *, max_width: int, max_pixels: int, gif_max_bytes: int, gif_max_frame_pixels: int
) -> OptimizedImage:
    """Check the bytes are a real image and return a clean original and an email rendition.

    Decodes one frame only (a GIF's others are counted and copied, never redrawn). Blocking (Pillow):
    call it from a worker thread, within the decode budget (`decode_cost`).
    """
    im = _open(data, max_pixels)
    try:
        image_format, full_size = im.format or "", im.size
        gif_data, frames = _check_gif(data, gif_max_frame_pixels) if image_format == "GIF" else (b"", 1)
        try:
            if image_format == "JPEG":
                # Decode at a reduced scale: much faster and lighter for camera photos.
                im.draft("RGB", (max_width, max_width))
            im.load()
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
            raise ImageRejected("The image is damaged or incomplete.", "corrupt_image") from exc
        orientation = _orientation(im)
        if image_format == "GIF":
            original = StoredImage(gif_data, "image/gif", *full_size)
            if frames > 1 and len(gif_data) <= gif_max_bytes and full_size[0] <= max_width:
                return OptimizedImage(original, original, has_alpha=False)  # the animation itself
        else:
            original = _clean_original(data, image_format, full_size, orientation)
        rendition, alpha = _rendition(im, max_width, orientation)  # a big GIF: its first frame, still
        return OptimizedImage(original, rendition, has_alpha=alpha)
    finally:
        im.close()


@dataclass(frozen=True)
class PlannedPhoto:
    """A camera photo accepted at upload whose email rendition is made in the background."""

    original: StoredImage
    width: int  # of the rendition to come, upright
    height: int
    decode_cost: int  # bytes `render_photo` will hold, for the decode budget


def _upright_size(size: tuple[int, int], orientation: int) -> tuple[int, int]:
    return (size[1], size[0]) if orientation in (5, 6, 7, 8) else size


def _draft_size(size: tuple[int, int], target: int) -> tuple[int, int]:
    """The size Pillow decodes a JPEG at after `draft(mode, (target, target))`: scaled by 1/8, 1/4, 1/2 or 1."""
    scale = min(size[0] // target, size[1] // target)
    s = next((s for s in (8, 4, 2) if scale >= s), 1)
    return -(-size[0] // s), -(-size[1] // s)


def rendition_size(size: tuple[int, int], max_width: int) -> tuple[int, int]:
    width, height = size
    if width <= max_width:
        return size
    return max_width, max(1, round(height * max_width / width))


def plan_photo(data: bytes, *, max_width: int, max_pixels: int) -> PlannedPhoto | None:
    """Validate a large JPEG from its structure alone and say what its rendition will be.

    None for anything else (small photos, PNG, GIF, WebP): those are cheap enough to finish in the
    request with `optimize_image`. Checks here: real JPEG header, pixel limit, every segment up to the
    image data well-formed, image data that ends (a cut-off upload has no end-of-image marker).
    """
    im = _open(data, max_pixels)
    if im.format != "JPEG" or im.width <= max_width:
        return None
    orientation = _orientation(im)
    # Also checks the image data ends: a cut-off upload has no end-of-image marker.
    original = _clean_original(data, "JPEG", im.size, orientation)
    width, height = rendition_size(_upright_size(im.size, orientation), max_width)
    decoded = _draft_size(im.size, width)  # render_photo asks for (width, width)
    return PlannedPhoto(original, width, height, decoded[0] * decoded[1] * PEAK_BYTES_PER_PIXEL)


def render_photo(original: bytes, width: int, height: int) -> bytes:
    """The email rendition of a planned photo, exactly `width` × `height`. Blocking (Pillow)."""
    try:
        im: Image.Image = Image.open(io.BytesIO(original))
        im.draft("RGB", (width, width))  # decode at a reduced scale: the cheapest part of the work
        im.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageRejected("The image is damaged or incomplete.", "corrupt_image") from exc
    ImageOps.exif_transpose(im, in_place=True)
    if im.size != (width, height):
        im = im.resize((width, height), Image.Resampling.HAMMING, reducing_gap=3.0)
    return _encode(im, keep_alpha=False).data
