"""Email layouts, picked by how many hero photos the advertiser uploaded."""

from typing import Literal

LayoutName = Literal["single", "gallery"]
LAYOUTS: tuple[LayoutName, ...] = ("single", "gallery")


def choose_layout(hero_count: int, requested: LayoutName | None = None) -> LayoutName:
    """`requested` when given; otherwise one hero (or none) → single, two or three → gallery."""
    if requested is not None:
        return requested
    return "gallery" if hero_count >= 2 else "single"


def template_name(layout: LayoutName) -> str:
    return f"email/{layout}.mjml.j2"


def paired_photos(layout: LayoutName, hero_count: int) -> set[int]:
    """Indexes of the photos shown side by side (templates' `photos.rows`): the last two of the photos that
    follow the large one (single: after the first photo; gallery: all of them), when there are two or more."""
    first = 1 if layout == "single" else 0
    rest = hero_count - first
    if rest == 2:
        return {first, first + 1}
    if rest >= 3:
        return {first + 1, first + 2}
    return set()
