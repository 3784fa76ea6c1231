"""The open-loop load generator: requests arrive at a fixed mean rate (Poisson arrivals) over a
pool of connections, whether or not earlier ones have been answered.

A closed loop measures queueing it creates itself: with N clients always waiting, latency is
about N / throughput, so a p99 target at 200 clients says more about the load generator than
about the bot. Here the offered rate stays below what the bots sustain, and each latency counts
from the request's *scheduled* arrival, so time spent waiting for a free connection, or for a
late generator, is charged as latency rather than hidden (no coordinated omission).
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass

import aiohttp
from load_run import PassStats, Traffic, send


@dataclass(frozen=True)
class OpenLoopPlan:
    """The offered load: mean arrival rate, how long arrivals last, the connection pool."""

    rate: float
    seconds: float
    connections: int
    seed: int = 20261125


@dataclass
class OpenLoopStats:
    """The pass's figures, with what the generator itself did."""

    stats: PassStats
    offered: int = 0
    max_in_flight: int = 0
    max_dispatch_lag: float = 0.0


class _InFlight:
    def __init__(self) -> None:
        self.now = 0
        self.most = 0

    def enter(self) -> None:
        self.now += 1
        self.most = max(self.most, self.now)

    def leave(self) -> None:
        self.now -= 1


async def _timed(
    session: aiohttp.ClientSession,
    url: str,
    traffic: Traffic,
    scheduled: float,
    stats: PassStats,
    in_flight: _InFlight,
) -> None:
    in_flight.enter()
    try:
        await send(session, url, traffic.next(), stats, since=scheduled)
    finally:
        in_flight.leave()


async def run_open_loop(
    session: aiohttp.ClientSession, url: str, traffic: Traffic, plan: OpenLoopPlan
) -> OpenLoopStats:
    """Send Poisson arrivals at `plan.rate` for `plan.seconds`; wait for every answer."""
    arrivals = random.Random(plan.seed)
    result = OpenLoopStats(PassStats())
    in_flight = _InFlight()
    cpu_before = time.process_time()
    start = time.perf_counter()
    scheduled = start
    async with asyncio.TaskGroup() as requests:
        while True:
            scheduled += arrivals.expovariate(plan.rate)
            if scheduled - start >= plan.seconds:
                break
            delay = scheduled - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            result.max_dispatch_lag = max(result.max_dispatch_lag, time.perf_counter() - scheduled)
            result.offered += 1
            requests.create_task(_timed(session, url, traffic, scheduled, result.stats, in_flight))
    result.stats.elapsed = time.perf_counter() - start
    result.stats.client_cpu = time.process_time() - cpu_before
    result.max_in_flight = in_flight.most
    return result
