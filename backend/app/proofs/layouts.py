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
