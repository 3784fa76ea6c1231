"""Pacing of outgoing messages: at most N in any one-second window, per key and overall."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

# A tenth more than Teams' one second: requests leave at our pace but arrive with network
# jitter, and Teams counts arrivals.
WINDOW = 1.1
_EPSILON = 1e-6  # float sums must not leave a sender a hair short of the window forever


class RateWindow:
    """Lets at most `rate` callers through in any sliding window of one second."""

    def __init__(
        self,
        rate: float,
        now: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self._limit = max(1, int(rate))
        self._now = now
        self._sleep = sleep
        self._sent: deque[float] = deque()
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        """Wait until one more message fits in the window, then count it."""
        async with self._lock:
            while True:
                now = self._now()
                while self._sent and now - self._sent[0] >= WINDOW - _EPSILON:
                    self._sent.popleft()
                if len(self._sent) < self._limit:
                    self._sent.append(now)
                    return
                await self._sleep(max(WINDOW - (now - self._sent[0]), _EPSILON))

    def idle(self) -> bool:
        """Whether nothing was let through in the last window (the pacer can be dropped)."""
        return not self._sent or self._now() - self._sent[-1] >= WINDOW


class Pacer:
    """A tenant-wide window plus one window per conversation."""

    def __init__(
        self,
        tenant_rate: float,
        conversation_rate: float,
        now: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._now, self._sleep = now, sleep
        self._tenant = RateWindow(tenant_rate, now, sleep)
        self._rate = conversation_rate
        self._conversations: dict[str, RateWindow] = {}

    async def acquire(self, conversation_id: str) -> None:
        """Wait for a place in this conversation's window, then in the tenant's."""
        window = self._conversations.get(conversation_id)
        if window is None:
            self._forget_idle()
            window = RateWindow(self._rate, self._now, self._sleep)
            self._conversations[conversation_id] = window
        await window.acquire()
        await self._tenant.acquire()

    def _forget_idle(self) -> None:
        if len(self._conversations) > 1000:  # keep memory flat over a long run
            for key in [k for k, w in self._conversations.items() if w.idle()]:
                del self._conversations[key]
