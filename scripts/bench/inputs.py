"""Realistic benchmark inputs, made once and cached: a transparent PNG logo, 4000×3000 photos, sale text."""

import io
from pathlib import Path

from PIL import Image, ImageDraw

SALE_PARAGRAPHS = [
    "Smith & Sons Auctioneers present the Annual Winter Estate Auction on Saturday, December 12, 2026 at "
    "10:00 AM CST, held at the Grand Pavilion, Springfield, IL. Over 350 lots featuring antique furniture, "
    "sterling silver, a 1965 Ford Mustang, fine art and estate jewelry.",
    "Preview Friday, December 11 from 2 PM to 6 PM. Bid online or in person; absentee and phone bids are "
    "welcome. A 10% buyer's premium applies. Payment by cash, check or card on the day of the sale.",
    "Highlights include a Victorian walnut secretary desk, a set of twelve Gorham sterling place settings, "
    "oil paintings by regional artists, a Tiffany-style lamp collection, vintage toys and coins, and "
    "hand-knotted Persian rugs. Every lot is sold without reserve to the highest bidder.",
    "The Mustang is a numbers-matching coupe with 48,000 documented miles, restored in 2019, with records. "
    "Jewelry features gold and diamond rings, brooches and pocket watches. Furniture ranges from Federal "
    "period chests to mid-century modern sideboards.",
    "Doors open at 8:30 AM on sale day. Food and drinks are available on site. Loading help is provided; "
    "all items must be collected by Monday, December 14 at 5 PM. See the full catalog for terms.",
]


def sale_text(min_chars: int = 2000, max_chars: int = 5000) -> str:
    """2,000–5,000 characters of the kind of text advertisers paste."""
    text = ""
    i = 0
    while len(text) < min_chars:
        text += SALE_PARAGRAPHS[i % len(SALE_PARAGRAPHS)] + "\n\n"
        i += 1
    return text.strip()[:max_chars]


def logo_png() -> bytes:
    im = Image.new("RGBA", (600, 200), (0, 0, 0, 0))
    draw = ImageDraw.Draw(im)
    draw.rounded_rectangle((10, 10, 590, 190), radius=30, fill=(18, 52, 110, 255))
    draw.ellipse((40, 40, 160, 160), fill=(235, 170, 40, 255))
    buf = io.BytesIO()
    im.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def photo_jpeg(seed: int, target_bytes: int = 4_500_000) -> bytes:
    """A 4000×3000 JPEG of about `target_bytes`, with photo-like detail (smooth shapes plus grain)."""
    size = (4000, 3000)
    base = Image.linear_gradient("L").resize(size)
    if seed % 2:
        base = base.rotate(90, expand=False)
    coarse = Image.effect_noise((size[0] // 4, size[1] // 4), 60 + seed * 7).resize(size, Image.Resampling.BICUBIC)
    grain = Image.effect_noise(size, 16 + seed * 2)
    im = Image.merge(
        "RGB",
        [Image.blend(base, coarse, 0.5), Image.blend(coarse, grain, 0.4), Image.blend(base.rotate(180), grain, 0.3)],
    )
    best = b""
    for quality in (95, 93, 91, 89, 87, 85, 82, 78, 74, 70):
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=quality)
        best = buf.getvalue()
        if len(best) <= target_bytes * 1.05:
            break
    return best


def load_inputs(cache: Path) -> dict[str, bytes | str]:
    cache.mkdir(parents=True, exist_ok=True)
    files = {"logo.png": logo_png}
    for i in range(3):
        files[f"photo{i + 1}.jpg"] = lambda i=i: photo_jpeg(i)
    out: dict[str, bytes | str] = {}
    for name, make in files.items():
        path = cache / name
        if not path.exists():
            path.write_bytes(make())
        out[name] = path.read_bytes()
    out["text"] = sale_text()
    return out


def upload_form(
    inputs: dict[str, bytes | str], campaign_name: str = "Winter Estate Auction", tone: str | None = "professional"
) -> tuple[dict[str, str], list[tuple[str, tuple[str, bytes | str, str]]]]:
    """The benchmark's POST /api/v1/upload: its fields and files (the logo and the three photos)."""
    files = [("logo", ("logo.png", inputs["logo.png"], "image/png"))]
    files += [("hero_images", (f"photo{i}.jpg", inputs[f"photo{i}.jpg"], "image/jpeg")) for i in (1, 2, 3)]
    data = {
        "campaign_name": campaign_name,
        "advertiser_name": "Smith & Sons Auctioneers",
        "text_content": str(inputs["text"]),
        "cta_url": "https://www.hibid.com/catalog/123456",
    }
    if tone is not None:
        data["tone"] = tone
    return data, files
