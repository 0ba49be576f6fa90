"""The writer interface: one implementation per AI provider, chosen from Settings."""

from typing import Protocol

from app.copywriting.schemas import CopyBrief, WrittenCopy


class CopyWriter(Protocol):
    name: str

    async def write(self, brief: CopyBrief) -> WrittenCopy:
        """Write the copy for one campaign; may raise on provider failure."""
        ...
