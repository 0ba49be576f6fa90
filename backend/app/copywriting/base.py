"""The writer interface: one implementation per AI provider, chosen from Settings."""

from typing import Protocol

from app.copywriting.schemas import CopyBrief, WrittenCopy


class CopyWriter(Protocol):
    name: str
    # True when the writer looks at the photos (the service then attaches small renditions).
    wants_images: bool

    async def write(self, brief: CopyBrief, *, deadline: float | None = None) -> WrittenCopy:
        """Write the copy for one campaign by `deadline` (event-loop time); may raise on provider failure."""
        ...

    async def aclose(self) -> None:
        """Release connections; called once at shutdown."""
        ...
