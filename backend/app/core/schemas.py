"""API shapes shared by several domains."""

from typing import Any, Literal

from pydantic import BaseModel


class WarningItem(BaseModel):
    code: str
    severity: Literal["info", "warning", "error"] = "warning"
    message: str


def warning_items(raw: list[dict[str, Any]]) -> list[WarningItem]:
    return [WarningItem.model_validate(w) for w in raw]
