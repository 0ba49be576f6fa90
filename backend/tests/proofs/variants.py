"""The logos and photo sets the email suite runs on: pale, dark, saturated red and transparent logos; 0, 1 and 3
photos with a portrait among them; a 3,000-character text."""

import io

from PIL import Image, ImageDraw

from tests.support.factories import jpeg


def lettered_logo(ink: tuple[int, int, int], paper: tuple[int, int, int] | None, size=(480, 160)) -> bytes:
    """A logo with letter-like strokes drawn large and scaled down, so its edges are anti-aliased as real logos
    are: `paper` None is a transparent background."""
    big = (size[0] * 4, size[1] * 4)
    im = Image.new("RGBA", big, (0, 0, 0, 0) if paper is None else (*paper, 255))
    draw = ImageDraw.Draw(im)
    for i in range(6):  # six "letters": rings and bars
        x = 60 + i * 300
        if i % 2:
            draw.rectangle((x, 120, x + 60, 520), fill=(*ink, 255))
            draw.rectangle((x, 120, x + 200, 180), fill=(*ink, 255))
        else:
            draw.ellipse((x, 160, x + 220, 500), outline=(*ink, 255), width=44)
    im = im.resize(size, Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


LOGOS = {
    "pale": lettered_logo((255, 240, 160), (255, 255, 255)),  # pale yellow ink on white: a pale brand colour
    "dark": lettered_logo((240, 200, 90), (20, 30, 60)),  # a gold mark on its own navy background
    "red": lettered_logo((180, 20, 30), (255, 255, 255)),  # saturated #b4141e on white
    "transparent": lettered_logo((250, 250, 250), None),  # a white mark on transparency
}


def portrait() -> bytes:
    return jpeg(900, 1200)


def landscape() -> bytes:
    return jpeg(1200, 800)


PHOTO_SETS = {
    0: [],
    1: [("portrait.jpg", portrait(), "image/jpeg")],
    3: [
        ("a.jpg", landscape(), "image/jpeg"),
        ("b.jpg", portrait(), "image/jpeg"),
        ("c.jpg", landscape(), "image/jpeg"),
    ],
}

LONG_TEXT = (
    "Annual Winter Estate Auction. Saturday, December 12, 2026 at 10 AM CST at the Grand Pavilion, "
    "1200 Main Street, Springfield, IL 62701. Preview Friday, December 11 from 2 PM to 6 PM. "
    "Featured: Lot 12 Victorian walnut sideboard, estimate $2,000-3,000; Lot 40 Tiffany-style lamp, "
    "estimate $800-1,200. "
) + " ".join(
    "The collection spans four generations of a farming family, with furniture, tools, glassware, quilts and "
    "books gathered across a century of life on the prairie."
    for _ in range(18)
)
