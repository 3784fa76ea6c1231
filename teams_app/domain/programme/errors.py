"""The one error a programme preset can raise, worded for the administrator who edits it."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime, time

_SHOWN_MAX = 60


class PresetError(ValueError):
    """A preset is not valid; `str()` is one line: file, dotted key, what is allowed."""

    def __init__(self, source: str, key: str, message: str) -> None:
        self.source = source
        self.key = key
        self.message = _one_line(message)
        where = f"{source}: {key}" if key else source
        super().__init__(f"{where}: {self.message}")


def shown(value: object) -> str:
    """Show a value as the administrator wrote it in TOML, short and on one line."""
    text = _toml_spelling(value)
    if len(text) > _SHOWN_MAX:
        text = text[: _SHOWN_MAX - 1] + "…"
    return _one_line(text)


def _toml_spelling(value: object) -> str:
    # Administrators read TOML, so `true` and `2026-09-01` beat Python's `True` and reprs.
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, int | float):
        return repr(value)
    return f"a {type(value).__name__}"


def _one_line(text: str) -> str:
    return " ".join(text.split())
