"""Parsers of setting values that are durations or instants (ValueError when unreadable)."""

from __future__ import annotations

from datetime import datetime

SECONDS = "a number of seconds from 0.05 to 86400"


def seconds(raw: str) -> float:
    """A duration in seconds, at least 0.05 (a busy loop) and at most a day."""
    value = float(raw)
    if not 0.05 <= value <= 86400:
        raise ValueError(raw)
    return value


def instant(raw: str) -> datetime:
    """An ISO 8601 instant carrying its UTC offset (a naive time has no meaning here)."""
    value = datetime.fromisoformat(raw)
    if value.tzinfo is None:
        raise ValueError(raw)
    return value
