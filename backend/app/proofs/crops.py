"""Photos cropped to their slot in the email, around the advertiser's focal point.

No slot is taller than 4:3 (a portrait would push the headline and the button below the fold), and photos side by
side share one shape so neither leaves a blank block. `crop_photo` is CPU work (Pillow): call it through
`core.workers.run_cpu`.
"""

import io

from PIL import Image

SLOT_RATIO = 3 / 4  # height / width of the tallest slot (4:3)


def crop_box(width: int, height: int, ratio: float, focal_x: float, focal_y: float) -> tuple[int, int, int, int]:
    """The largest box of `ratio` (height / width) inside the photo, centred on the focal point where it can be."""
    if height / width > ratio:  # too tall: keep the width, cut height
        w, h = width, max(1, round(width * ratio))
    else:  # too wide: keep the height, cut width
        w, h = max(1, round(height / ratio)), height
    left = min(max(0, round(focal_x * width - w / 2)), width - w)
    top = min(max(0, round(focal_y * height - h / 2)), height - h)
    return left, top, left + w, top + h


LEAD_RATIO = 9 / 16  # the photo above the headline: 16:9 at most, so the date and the button stay above the fold


def slot_ratio(width: int, height: int, *, paired: bool, lead: bool = False) -> float | None:
    """The shape a photo is cut to: exactly 4:3 beside another photo; at most 4:3 alone (16:9 as the lead photo
    above the headline); None when it already fits."""
    if paired:
        return None if abs(height / width - SLOT_RATIO) < 0.01 else SLOT_RATIO
    tallest = LEAD_RATIO if lead else SLOT_RATIO
    return tallest if height / width > tallest + 0.01 else None


def crop_photo(data: bytes, ratio: float, focal_x: float, focal_y: float) -> bytes:
    """The photo cut to `ratio` around (focal_x, focal_y), as JPEG (PNG when it has transparency; blocking)."""
    with Image.open(io.BytesIO(data)) as source:
        im = source.convert("RGBA") if source.mode in ("RGBA", "LA", "P") else source.convert("RGB")
    box = crop_box(im.width, im.height, ratio, focal_x, focal_y)
    cut = im.crop(box)
    out = io.BytesIO()
    alpha_low = cut.getchannel("A").getextrema()[0] if cut.mode == "RGBA" else 255
    if isinstance(alpha_low, int) and alpha_low < 255:
        cut.save(out, "PNG", optimize=True)
    else:
        cut.convert("RGB").save(out, "JPEG", quality=82, progressive=True, optimize=True)
    return out.getvalue()
