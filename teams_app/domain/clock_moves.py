"""Reading the dev-mode clock command: `dev clock +7d`, `dev clock +36h`, `dev clock next`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

PREFIX = "dev clock"
MAX_MOVE = timedelta(days=400)
_PART = re.compile(r"(\d{1,4})\s*([dhm])")
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}


@dataclass(frozen=True)
class ClockMove:
    """What `dev clock …` asks: move by `by`, go to the next waiting job, or just show."""

    by: timedelta | None = None
    to_next_job: bool = False
    problem: str | None = None  # the text could not be read: say why


def is_clock_command(text: str | None) -> bool:
    """Whether typed text is the dev clock command (whatever follows)."""
    return (text or "").strip().lower().startswith(PREFIX)


def read_clock_move(text: str) -> ClockMove:
    """The move typed after `dev clock`: `+7d`, `+2d12h`, `+90m`, `next`, or nothing."""
    rest = text.strip().lower()[len(PREFIX) :].strip()
    if not rest:
        return ClockMove()
    if rest == "next":
        return ClockMove(to_next_job=True)
    body = rest.removeprefix("+").replace(" ", "")
    parts = _PART.findall(body)
    if not parts or "".join(n + u for n, u in parts) != body:
        return ClockMove(problem=f"“{rest[:40]}” is not a move: write it like +7d, +36h or +2d12h")
    by = sum((timedelta(**{_UNITS[u]: int(n)}) for n, u in parts), timedelta(0))
    if by <= timedelta(0) or by > MAX_MOVE:
        return ClockMove(problem="move the clock forward by at least a minute and at most 400 days")
    return ClockMove(by=by)
