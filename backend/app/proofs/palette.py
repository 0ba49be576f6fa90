"""The advertiser's brand colours, read from the logo, with every text pairing held to WCAG AA.

`brand_palette(logo_bytes)` is CPU work (Pillow): call it through `core.workers.run_cpu`.
"""

import colorsys
import io
import logging
from dataclasses import dataclass, replace

from PIL import Image, ImageDraw

from app.core.cache import BoundedCache

logger = logging.getLogger(__name__)

RGB = tuple[int, int, int]
AA_TEXT = 4.5  # WCAG 2.x AA for body-size text
AA_NON_TEXT = 3.0  # WCAG 2.x AA for shapes such as a button against its surroundings
PANEL_APART = 1.25  # a panel's fill this far from the card reads as a panel; otherwise it needs a 3:1 border
WHITE = "#ffffff"
INK = "#111827"
DEFAULT_BRAND = "#b4410c"
LIGHT_LOGO_BACKDROP = "#1f2937"


@dataclass(frozen=True)
class Palette:
    """Every colour one email uses, light and dark; the defaults suit any logo."""

    background: str = "#f3f4f6"
    header: str = "#ffffff"
    card: str = "#ffffff"
    panel: str = "#f8f4f1"
    panel_border: str = DEFAULT_BRAND
    text: str = "#1f2937"
    heading: str = INK
    muted: str = "#4b5563"
    link: str = "#9a3412"
    button: str = DEFAULT_BRAND
    button_text: str = WHITE
    primary: str = DEFAULT_BRAND
    accent: str = DEFAULT_BRAND
    # Dark mode (prefers-color-scheme: dark). A logo with transparency is shown on a plate of the
    # header colour baked into the image (plate_logo), so it stays readable on dark backgrounds.
    dark_background: str = "#0f1115"
    dark_header: str = "#0f1115"
    dark_card: str = "#1a1d23"
    dark_panel: str = "#252a33"
    dark_text: str = "#e5e7eb"
    dark_heading: str = "#f9fafb"
    dark_muted: str = "#a1a8b3"
    dark_link: str = "#fdba74"
    dark_button: str = "#ba430c"  # the brand colour lifted to 3:1 against the dark card
    dark_button_text: str = WHITE
    # The logo's alt text, shown when images are off, on the header of each theme.
    logo_alt: str = INK
    dark_logo_alt: str = "#f9fafb"
    logo_transparent: bool = False
    logo_light: bool = False
    source: str = "default"

    def text_pairs(self) -> dict[str, tuple[str, str]]:
        """Foreground/background pairs that carry text, by name (checked against AA)."""
        return {
            "cta": (self.button_text, self.button),
            "body text": (self.text, self.card),
            "headline": (self.heading, self.card),
            "highlights": (self.text, self.panel),
            "links": (self.link, self.card),
            "footer": (self.muted, self.background),
            "dark cta": (self.dark_button_text, self.dark_button),
            "dark body text": (self.dark_text, self.dark_card),
            "dark headline": (self.dark_heading, self.dark_card),
            "dark highlights": (self.dark_text, self.dark_panel),
            "dark links": (self.dark_link, self.dark_card),
            "dark footer": (self.dark_muted, self.dark_background),
            "logo alt text": (self.logo_alt, self.header),
            "dark logo alt text": (self.dark_logo_alt, self.dark_header),
            "photo alt text": (self.text, self.card),
        }

    def shape_pairs(self) -> dict[str, tuple[str, str]]:
        """Shapes that must stand out from what surrounds them (WCAG 1.4.11, 3:1): the button on its card."""
        return {"button": (self.button, self.card), "dark button": (self.dark_button, self.dark_card)}

    def panels(self) -> dict[str, tuple[str, str, str]]:
        """Panels on the card, as (fill, border, card): distinct by fill (1.25:1) or by a 3:1 border."""
        return {
            "highlights panel": (self.panel, self.panel_border, self.card),
            "dark highlights panel": (self.dark_panel, self.dark_link, self.dark_card),
        }


DEFAULT_PALETTE = Palette()


# ---------------------------------------------------------------- colour arithmetic


def hex_to_rgb(value: str) -> RGB:
    value = value.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def rgb_to_hex(rgb: tuple[float, float, float]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*(max(0, min(255, round(c))) for c in rgb))


def relative_luminance(color: str | RGB) -> float:
    """WCAG 2.x relative luminance, 0 (black) to 1 (white)."""
    rgb = hex_to_rgb(color) if isinstance(color, str) else color

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str | RGB, b: str | RGB) -> float:
    """WCAG contrast ratio between two colours, 1 to 21."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def _hls(color: str) -> tuple[float, float, float]:
    r, g, b = hex_to_rgb(color)
    return colorsys.rgb_to_hls(r / 255, g / 255, b / 255)


def _from_hls(h: float, lightness: float, s: float) -> str:
    r, g, b = colorsys.hls_to_rgb(h, max(0.0, min(1.0, lightness)), s)
    return rgb_to_hex((r * 255, g * 255, b * 255))


def mix(a: str, b: str, share_of_a: float) -> str:
    """`share_of_a` of colour a blended into colour b."""
    ra, rb = hex_to_rgb(a), hex_to_rgb(b)
    return rgb_to_hex(tuple(x * share_of_a + y * (1 - share_of_a) for x, y in zip(ra, rb, strict=True)))  # type: ignore[arg-type]


def shift_until(color: str, against: str, target: float, *, darker: bool) -> str:
    """`color` darkened (or lightened) in small lightness steps until it reaches `target` contrast."""
    h, lightness, s = _hls(color)
    candidate = color
    for _ in range(101):
        if contrast_ratio(candidate, against) >= target:
            return candidate
        lightness += -0.01 if darker else 0.01
        if lightness < 0 or lightness > 1:
            break
        candidate = _from_hls(h, lightness, s)
    return "#000000" if darker else WHITE


def readable_on(background: str, target: float = AA_TEXT) -> str:
    """A text colour for `background`: the given colour's readable twin (dark ink or white)."""
    return WHITE if contrast_ratio(WHITE, background) >= contrast_ratio(INK, background) else INK


def button_colours(base: str, surface: str, *, target: float = AA_TEXT) -> tuple[str, str]:
    """(button, label) close to the brand colour `base`: the label at `target` contrast on the button and the
    button at 3:1 against `surface` (the card it sits on), so it reads as a button whatever the logo.

    Walks the brand hue's lightness from 0 to 1 with a white and a dark label and keeps the candidate that
    meets both ratios with the least change of lightness; a pale brand colour on a white card becomes a
    mid-tone with dark text rather than a pale block. Without any candidate (never seen), the brand's
    darkest readable shade with white text.
    """
    h, base_lightness, s = _hls(base)
    best: tuple[float, str, str] | None = None
    for step in range(101):
        lightness = step / 100
        button = base if abs(lightness - base_lightness) < 0.005 else _from_hls(h, lightness, s)
        if contrast_ratio(button, surface) < AA_NON_TEXT:
            continue
        for label in (WHITE, INK):
            if contrast_ratio(label, button) >= target:
                change = abs(lightness - base_lightness)
                if best is None or change < best[0]:
                    best = (change, button, label)
    if best is None:
        return shift_until(base, WHITE, target, darker=True), WHITE
    return best[1], best[2]


def is_neutral(rgb: RGB) -> bool:
    """Greys, near-white and near-black: not a brand colour."""
    h, lightness, s = colorsys.rgb_to_hls(*(c / 255 for c in rgb))
    return s < 0.22 or lightness < 0.1 or lightness > 0.93


def _hue_distance(a: RGB, b: RGB) -> float:
    ha = colorsys.rgb_to_hls(*(c / 255 for c in a))[0]
    hb = colorsys.rgb_to_hls(*(c / 255 for c in b))[0]
    d = abs(ha - hb)
    return min(d, 1 - d) * 360


# ---------------------------------------------------------------- reading the logo


@dataclass(frozen=True)
class LogoColours:
    transparent: bool
    mark_luminance: float  # mean luminance of the visible pixels (the logo's "ink")
    edge: RGB | None  # dominant border colour of an opaque logo (its own background)
    brand: list[RGB]  # saturated colours, most used first


def read_logo(data: bytes, *, colours: int = 8) -> LogoColours:
    """Quantize the logo (Pillow median cut) and sort its colours into background, ink and brand."""
    with Image.open(io.BytesIO(data)) as source:
        source.draft("RGB", (128, 128))
        im = source.convert("RGBA")
    im.thumbnail((96, 96))
    pixels: list[tuple[int, int, int, int]] = list(im.getdata())  # type: ignore[arg-type]
    opaque: list[RGB] = [(p[0], p[1], p[2]) for p in pixels if p[3] >= 128]
    transparent = len(opaque) < len(pixels) * 0.98
    if not opaque:
        return LogoColours(True, 0.0, None, [])
    w, h = im.size
    edge: RGB | None = None
    if not transparent:
        border = [(x, y) for x in range(w) for y in (0, h - 1)] + [(x, y) for y in range(h) for x in (0, w - 1)]
        edge = _dominant([pixels[y * w + x][:3] for x, y in border])  # type: ignore[misc]
    sample = Image.new("RGB", (len(opaque), 1))
    sample.putdata(opaque)
    quantized = sample.quantize(colors=colours, method=Image.Quantize.MEDIANCUT)
    lut: list[int] = list(quantized.getpalette() or [])
    counts: list[tuple[int, int]] = sorted(quantized.getcolors() or [], reverse=True)  # type: ignore[arg-type]
    found: list[tuple[int, RGB]] = []
    for count, index in counts:
        rgb: RGB = (lut[index * 3], lut[index * 3 + 1], lut[index * 3 + 2])
        found.append((count, rgb))
    ink = [(n, c) for n, c in found if edge is None or _distance(c, edge) > 40]
    total = sum(n for n, _ in ink) or 1
    mark = sum(relative_luminance(c) * n for n, c in ink) / total if ink else relative_luminance(edge or (0, 0, 0))
    # Strongest first (share × chroma): the pale fringe that anti-aliasing leaves around a red mark on white
    # can outnumber the red itself, but it is not the brand colour.
    strong = [(n * _chroma(c), c) for n, c in ink if not is_neutral(c) and n / total >= 0.02]
    brand = [c for _, c in sorted(strong, key=lambda t: t[0], reverse=True)]
    return LogoColours(transparent, mark, edge, brand)


def _chroma(rgb: RGB) -> float:
    return (max(rgb) - min(rgb)) / 255


def _distance(a: RGB, b: RGB) -> float:
    return float(sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5)


def _dominant(colours: list[RGB]) -> RGB:
    buckets: dict[RGB, int] = {}
    for c in colours:
        key = (c[0] // 16 * 16 + 8, c[1] // 16 * 16 + 8, c[2] // 16 * 16 + 8)
        buckets[key] = buckets.get(key, 0) + 1
    best = max(buckets, key=lambda k: buckets[k])
    near = [c for c in colours if _distance(c, best) < 24] or colours
    return tuple(round(sum(c[i] for c in near) / len(near)) for i in range(3))  # type: ignore[return-value]


# ---------------------------------------------------------------- the palette


def palette_from_colours(logo: LogoColours) -> Palette:
    """Brand colours → a full palette; defaults where the logo gives no colour."""
    base = DEFAULT_PALETTE
    primary = rgb_to_hex(logo.brand[0]) if logo.brand else base.primary
    accent_rgb = next((c for c in logo.brand[1:] if _hue_distance(c, logo.brand[0]) > 25), None)
    accent = rgb_to_hex(accent_rgb) if accent_rgb else primary
    button, label = button_colours(primary, base.card)
    dark_base = primary
    if contrast_ratio(primary, base.dark_card) < AA_NON_TEXT:
        dark_base = shift_until(primary, base.dark_card, AA_NON_TEXT, darker=False)
    dark_button, dark_label = button_colours(dark_base, base.dark_card)

    light_logo = logo.transparent and logo.mark_luminance > 0.45
    if logo.edge is not None:
        header = dark_header = rgb_to_hex(logo.edge)  # opaque logo: its own background continues
    elif light_logo:
        # A white or pale mark on transparency needs a dark backdrop in both themes; a darkened
        # version of a pale brand colour turns muddy, so the backdrop is a neutral slate.
        header = dark_header = LIGHT_LOGO_BACKDROP
    else:
        header, dark_header = base.header, base.dark_header
    panel = mix(accent, base.card, 0.07)
    panel_border = shift_until(accent, base.card, AA_NON_TEXT, darker=True)
    return replace(
        base,
        header=header,
        logo_alt=readable_on(header),
        dark_logo_alt=readable_on(dark_header),
        dark_header=dark_header,
        primary=primary,
        accent=accent,
        button=button,
        button_text=label,
        dark_button=dark_button,
        dark_button_text=dark_label,
        panel=panel,
        panel_border=panel_border,
        link=shift_until(accent, base.card, AA_TEXT, darker=True),
        dark_link=shift_until(accent, base.dark_card, AA_TEXT, darker=False),
        logo_transparent=logo.transparent,
        logo_light=light_logo,
        source="logo" if logo.brand else "default",
    )


def brand_palette(logo_bytes: bytes) -> Palette:
    """The palette for an advertiser's logo (blocking; run it in a worker thread)."""
    try:
        return palette_from_colours(read_logo(logo_bytes))
    except (OSError, ValueError, Image.DecompressionBombError):
        logger.warning("logo unreadable for palette; using defaults")
        return DEFAULT_PALETTE


def plate_logo(logo_bytes: bytes, colour: str) -> bytes:
    """The logo on a rounded plate of `colour`, baked into the image (blocking; run it in a worker thread).

    Clients that force their own dark mode (Gmail apps, Outlook) recolour backgrounds but never
    images, so a backdrop painted into the PNG keeps a transparent logo readable everywhere. The plate
    has the header's colour: invisible in the light design, a clean badge in dark ones.
    """
    with Image.open(io.BytesIO(logo_bytes)) as source:
        logo = source.convert("RGBA")
    pad = max(8, round(min(logo.width, logo.height * 3) * 0.06))
    plate = Image.new("RGBA", (logo.width + 2 * pad, logo.height + 2 * pad), (0, 0, 0, 0))
    ImageDraw.Draw(plate).rounded_rectangle(
        (0, 0, plate.width - 1, plate.height - 1), radius=pad, fill=(*hex_to_rgb(colour), 255)
    )
    plate.alpha_composite(logo, (pad, pad))
    out = io.BytesIO()
    plate.save(out, "PNG", optimize=True)
    return out.getvalue()


def plated_width(display_width: int, logo_width: int, logo_height: int) -> int:
    """Display width of the plated logo, so the logo itself keeps its size."""
    pad = max(8, round(min(logo_width, logo_height * 3) * 0.06))
    return round(display_width * (logo_width + 2 * pad) / max(logo_width, 1))


# Palettes by logo storage key: a logo never changes under its key, so entries never go stale.
palette_cache: BoundedCache[str, Palette] = BoundedCache(size=512)
