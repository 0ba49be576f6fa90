"""What the local media storage holds on disk."""

from pathlib import Path

from app.core.config import Settings


def media_files(settings: Settings) -> set[Path]:
    root = settings.media_root
    return {p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")} if root.exists() else set()
