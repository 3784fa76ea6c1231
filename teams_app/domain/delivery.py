"""How a message to Teams ends, and how long to wait before trying again.

Teams answers 429 when a bot sends too fast (7 messages a second per conversation, about 30
requests a second per app and tenant), 412 on a conflicting update, 502/504 when its own
services stumble: all worth another try. 403 (the app was removed or blocked) and 404 (the
conversation is gone) will not heal by retrying.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

RETRYABLE = frozenset({412, 429, 502, 504})
UNREACHABLE = frozenset({403, 404})
PER_CONVERSATION_RATE = 7.0  # messages a second, Teams' limit for one conversation


class DeliveryOutcome(StrEnum):
    """What became of one message."""

    SENT = "sent"
    UNREACHABLE = "unreachable"  # 403/404: the person must be reached another way
    FAILED = "failed"  # retries spent, or an error retrying cannot fix
    INSTALLED = "installed"  # sent once Tandem had installed itself for them (after a 403/404)
    REPORTED = "reported"  # unreachable even so: the administrators were told


class NotDelivered(Exception):
    """Teams did not take a message this time; trying again later may work."""


@dataclass(frozen=True)
class Delivery:
    """The record of one message: where it went, how it ended, after how many tries."""

    conversation_id: str
    kind: str  # "send" or "update"
    outcome: DeliveryOutcome
    attempts: int
    status: int | None  # the last HTTP status Teams answered, None when it answered none
    at: datetime


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter, never shorter than Teams' Retry-After."""

    max_attempts: int = 5
    base_seconds: float = 1.0
    cap_seconds: float = 60.0

    def wait(self, attempt: int, retry_after: float | None, rng: random.Random) -> float:
        """Seconds to wait after failed attempt number `attempt` (1-based)."""
        ceiling = min(self.cap_seconds, self.base_seconds * 2 ** (attempt - 1))
        jittered = rng.uniform(0, ceiling)
        if retry_after is not None:
            return max(retry_after, jittered)
        return jittered


def parse_retry_after(raw: str | None) -> float | None:
    """Retry-After in seconds (the Bot Connector sends seconds); None if absent or unreadable."""
    if raw is None:
        return None
    try:
        seconds = float(raw)
    except ValueError:
        return None
    return seconds if seconds >= 0 else None
