"""Brand palette: the advertiser's colours from the logo, every text pairing readable (WCAG AA)."""

import io

import pytest
from PIL import Image, ImageDraw

from app.core.cache import BoundedCache
from app.proofs.palette import (
    AA_TEXT,
    DEFAULT_PALETTE,
    brand_palette,
    button_colours,
    contrast_ratio,
    hex_to_rgb,
    plate_logo,
    plated_width,
)
from tests.support.factories import png


def logo(marks: list[tuple[int, int, int]], *, background: tuple[int, ...] | None = None) -> bytes:
    """A 400×150 logo: colour blocks on transparency, or on an opaque background."""
    mode = "RGB" if background else "RGBA"
    im = Image.new(mode, (400, 150), background or (0, 0, 0, 0))
    draw = ImageDraw.Draw(im)
    for i, colour in enumerate(marks):
        draw.rectangle((20 + i * 120, 20, 120 + i * 120, 130), fill=colour)
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def close(a: str, b: tuple[int, int, int], tolerance: int = 24) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(hex_to_rgb(a), b, strict=True))


def test_contrast_ratio_matches_wcag():
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#fff", "#fff") == 1


def test_brand_colour_comes_from_the_logo():
    palette = brand_palette(logo([(200, 30, 30), (20, 60, 200)], background=(255, 255, 255)))
    assert palette.source == "logo"
    assert close(palette.primary, (200, 30, 30)) or close(palette.primary, (20, 60, 200))
    assert palette.accent != palette.primary  # two brand hues: the second becomes the accent
    assert palette.header == "#ffffff"  # an opaque logo keeps its own background around it


@pytest.mark.parametrize(
    "colour",
    [(250, 204, 21), (0, 255, 255), (132, 204, 22), (255, 0, 0), (20, 60, 120), (128, 128, 128), (255, 105, 180)],
)
def test_every_text_pairing_reaches_aa_whatever_the_brand_colour(colour):
    palette = brand_palette(logo([colour]))
    for name, (fg, bg) in palette.text_pairs().items():
        assert contrast_ratio(fg, bg) >= AA_TEXT, (name, fg, bg)


def test_pale_brand_colour_gets_a_button_that_stands_out_from_the_card_in_the_brand_hue():
    import colorsys

    palette = brand_palette(logo([(250, 204, 21)]))
    assert palette.button_text == "#111827"  # a mid-tone with dark text, not a darkened muddy block
    assert contrast_ratio(palette.button, palette.card) >= 3  # a yellow button on white (1.5:1) would not read
    hue = colorsys.rgb_to_hls(*(c / 255 for c in hex_to_rgb(palette.button)))[0] * 360
    assert abs(hue - colorsys.rgb_to_hls(250 / 255, 204 / 255, 21 / 255)[0] * 360) < 6


@pytest.mark.parametrize(
    "colour",
    [(255, 250, 219), (255, 240, 160), (180, 20, 30), (20, 30, 60), (250, 204, 21), (0, 255, 255), (128, 128, 128)],
)
def test_button_and_panels_stand_out_in_light_and_dark_whatever_the_brand_colour(colour):
    for made in (logo([colour]), logo([colour], background=(255, 255, 255))):
        palette = brand_palette(made)
        for name, (shape, around) in palette.shape_pairs().items():
            assert contrast_ratio(shape, around) >= 3, (name, shape, around)
        for name, (fill, border, card) in palette.panels().items():
            assert contrast_ratio(fill, card) >= 1.25 or contrast_ratio(border, card) >= 3, name


def test_light_logo_on_transparency_gets_a_dark_backdrop_in_both_themes():
    palette = brand_palette(png(color=(255, 255, 255)))
    assert palette.logo_transparent and palette.logo_light
    assert contrast_ratio("#ffffff", palette.header) >= 7
    assert palette.dark_header == palette.header


def test_dark_logo_on_transparency_sits_on_white_and_the_button_lightens_in_dark_mode():
    palette = brand_palette(png(color=(20, 60, 120)))
    assert palette.logo_transparent and not palette.logo_light
    assert palette.header == "#ffffff"
    # The navy brand button would vanish on the dark card: dark mode lightens it.
    assert contrast_ratio(palette.dark_button, palette.dark_card) >= 3


def test_plate_is_baked_around_a_transparent_logo():
    logo = png(300, 100, color=(20, 60, 120))
    plated = Image.open(io.BytesIO(plate_logo(logo, "#ffffff")))
    pad = (plated.width - 300) // 2
    assert plated.size == (300 + 2 * pad, 100 + 2 * pad) and pad >= 8
    assert plated.getpixel((0, 0))[3] == 0  # rounded corner stays transparent
    assert plated.getpixel((pad + 2, pad + 2)) == (255, 255, 255, 255)  # the logo's own transparent margin
    assert plated.getpixel((plated.width // 2, plated.height // 2)) == (20, 60, 120, 255)  # the mark itself
    assert plated_width(240, 300, 100) == round(240 * plated.width / 300)


@pytest.mark.parametrize(
    "data",
    [
        logo([(0, 0, 0)], background=(255, 255, 255)),  # black on white: monochrome
        logo([]),  # fully transparent
        b"not an image",
    ],
)
def test_monochrome_transparent_or_broken_logos_get_the_defaults(data):
    palette = brand_palette(data)
    assert palette.source == "default"
    assert palette.button == DEFAULT_PALETTE.button
    assert contrast_ratio(palette.button_text, palette.button) >= AA_TEXT


def test_button_colours_move_the_brand_colour_as_little_as_needed():
    button, label = button_colours("#3b82f6", "#ffffff")  # a mid blue: white text needs it darker
    assert contrast_ratio(button, label) >= AA_TEXT
    assert close(button, (59, 130, 246), tolerance=60)


async def test_palette_cache_computes_once_per_logo_key():
    cache: BoundedCache[str, object] = BoundedCache(size=1)
    calls = []

    async def compute():
        calls.append(1)
        return DEFAULT_PALETTE

    await cache.get("a", compute)
    await cache.get("a", compute)
    assert len(calls) == 1
    await cache.get("b", compute)
    await cache.get("a", compute)  # evicted by b (size 1)
    assert len(calls) == 3
