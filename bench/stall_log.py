"""Event-loop stalls as asyncio's debug mode reports them in a process's log.

With PYTHONASYNCIODEBUG=1 the loop logs "Executing <handle> took X seconds" (logger `asyncio`,
WARNING) for every callback or task step that ran longer than `slow_callback_duration`
(0.1 s by default). Tandem logs JSON lines, the bare bot plain text: the pattern finds both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SLOW_CALLBACK_SECONDS = 0.1
_SLOW = re.compile(r"Executing (?P<what>.+?) took (?P<seconds>\d+(?:\.\d+)?) seconds")
_CORO = re.compile(r"coro=<(?P<name>[\w.<>]+)\(\)")


@dataclass(frozen=True)
class Stall:
    """One callback that held the event loop for `seconds`."""

    seconds: float
    what: str


def find_stalls(log_text: str) -> list[Stall]:
    """Every slow-callback warning in `log_text`, worst first."""
    stalls = [Stall(float(found["seconds"]), found["what"]) for found in _SLOW.finditer(log_text)]
    return sorted(stalls, key=lambda stall: stall.seconds, reverse=True)


def _short(what: str, width: int) -> str:
    """A task by its coroutine's name; anything else cut to `width`."""
    found = _CORO.search(what)
    if found:
        return f"a step of {found['name']}()"
    return what if len(what) <= width else what[: width - 1] + "…"


def describe(stalls: list[Stall], width: int = 80) -> str:
    """`N, worst X ms in (what)`, or `none`."""
    if not stalls:
        return "none"
    worst = stalls[0]
    return f"{len(stalls)}, worst {worst.seconds * 1000:.0f} ms in {_short(worst.what, width)}"
