"""Structured logs: one JSON object a line, carrying identifiers and outcomes, never answers."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """Formats a record as JSON with its `extra` fields."""

    def format(self, record: logging.LogRecord) -> str:
        """One JSON line."""
        entry: dict[str, object] = {
            "at": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value if isinstance(value, str | int | float | bool) else str(value)
        if record.exc_info and record.exc_info[0] is not None:
            entry["error"] = record.exc_info[0].__name__
            entry["trace"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str) -> None:
    """Send JSON lines to stderr at `level`; quieten chatty libraries."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    quiet_noisy_libraries()


# Libraries whose DEBUG/INFO lines carry request bodies or SQL parameters (answers, tokens).
NOISY_LIBRARIES = (
    "aiohttp.access",
    "aiosqlite",
    "asyncpg",
    "msrest",
    "azure",
    "httpx",
    "httpcore",
    "msal",
    "urllib3",
    "sqlalchemy.engine",
    "alembic",
)


def quiet_noisy_libraries() -> None:
    """Keep libraries that log payloads at WARNING, whatever Tandem's own level is."""
    for noisy in NOISY_LIBRARIES:
        logging.getLogger(noisy).setLevel(logging.WARNING)
