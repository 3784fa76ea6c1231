"""The closed-loop load generator: N clients, each sending its next activity as soon as the
previous one is answered, and the figures of one pass (also used by the open-loop pass)."""

from __future__ import annotations

import asyncio
import math
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol

import aiohttp
from teams_traffic import KINDS, Request

JSON_HEADERS = {"Content-Type": "application/json"}
REQUEST_TIMEOUT = aiohttp.ClientTimeout(total=30)


class Traffic(Protocol):
    """Where the next request comes from."""

    def next(self) -> Request:
        """The next request to send."""
        ...


class Budget:
    """How long a pass runs: a number of requests, or a number of seconds."""

    def __init__(self, requests: int | None = None, seconds: float | None = None) -> None:
        if (requests is None) == (seconds is None):
            raise ValueError("give either requests or seconds")
        self._remaining = requests
        self._seconds = seconds
        self._deadline = math.inf

    def start(self) -> None:
        """Start the clock of a timed budget."""
        if self._seconds is not None:
            self._deadline = time.monotonic() + self._seconds

    def take(self) -> bool:
        """Whether one more request may start."""
        if self._remaining is None:
            return time.monotonic() < self._deadline
        if self._remaining <= 0:
            return False
        self._remaining -= 1
        return True


@dataclass
class PassStats:
    """What one pass measured: latencies of answered requests (seconds) by kind, and errors."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in KINDS})
    errors: Counter[str] = field(default_factory=Counter)
    elapsed: float = 0.0
    client_cpu: float = 0.0

    @property
    def answered(self) -> int:
        """Requests answered with a 2xx status."""
        return sum(len(values) for values in self.latencies.values())

    @property
    def throughput(self) -> float:
        """Answered requests per second of the pass."""
        return self.answered / self.elapsed if self.elapsed else 0.0

    def percentile(self, share: float, kind: str | None = None) -> float:
        """The latency (seconds) under which `share` of the answered requests (of `kind`) fell."""
        pool = self.latencies[kind] if kind else [v for vs in self.latencies.values() for v in vs]
        if not pool:
            return math.nan
        ordered = sorted(pool)
        return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


async def send(
    session: aiohttp.ClientSession,
    url: str,
    request: Request,
    stats: PassStats,
    since: float | None = None,
) -> None:
    """POST one request and record its latency from `since` (perf_counter; default now)."""
    started = time.perf_counter() if since is None else since
    try:
        async with session.post(url, data=request.body, headers=JSON_HEADERS) as response:
            await response.read()
            status = response.status
    except (aiohttp.ClientError, TimeoutError) as error:
        stats.errors[type(error).__name__] += 1
        return
    latency = time.perf_counter() - started
    if 200 <= status < 300:
        stats.latencies[request.kind].append(latency)
    else:
        stats.errors[f"HTTP {status}"] += 1


async def _client(
    session: aiohttp.ClientSession, url: str, traffic: Traffic, budget: Budget, stats: PassStats
) -> None:
    while budget.take():
        await send(session, url, traffic.next(), stats)


async def run_load(
    session: aiohttp.ClientSession,
    url: str,
    traffic: Traffic,
    concurrency: int,
    budget: Budget,
) -> PassStats:
    """Run `concurrency` clients against `url` until the budget is spent."""
    stats = PassStats()
    cpu_before, started = time.process_time(), time.perf_counter()
    budget.start()
    async with asyncio.TaskGroup() as clients:
        for _ in range(concurrency):
            clients.create_task(_client(session, url, traffic, budget, stats))
    stats.elapsed = time.perf_counter() - started
    stats.client_cpu = time.process_time() - cpu_before
    return stats


def client_session(concurrency: int) -> aiohttp.ClientSession:
    """A session whose connection pool holds every client's connection at once."""
    connector = aiohttp.TCPConnector(limit=concurrency + 8, limit_per_host=0)
    return aiohttp.ClientSession(connector=connector, timeout=REQUEST_TIMEOUT)
