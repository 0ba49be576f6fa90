"""JSON logs on stdout, one object per line, with the request, user and campaign ids when known."""

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

from app.core.log_context import current_campaign_id, current_user_id
from app.core.middleware import request_id_var

_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


def _access_fields(args: tuple[Any, ...]) -> dict[str, Any]:
    """uvicorn's access line as fields; `client` is the address rate limits count (after proxy headers)."""
    client_addr, method, path, _http_version, status = args
    return {"client": str(client_addr).rsplit(":", 1)[0], "method": method, "path": path, "status": status}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if request_id := request_id_var.get():
            entry["request_id"] = request_id
        if user_id := current_user_id():
            entry["user_id"] = user_id
        if campaign_id := current_campaign_id():
            entry["campaign_id"] = campaign_id
        if record.name == "uvicorn.access" and isinstance(record.args, tuple) and len(record.args) == 5:
            entry.update(_access_fields(record.args))
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers = []
        logging.getLogger(name).propagate = True
