"""Tandem under load against a bare botbuilder bot on the same adapter, in the same run.

Clients POST Teams-shaped activities to /api/messages: a 50/50 mix of `help` typed in a
personal chat (the bot answers through the Bot Connector, inside the request) and the Help
button's `adaptiveCard/action` invoke (answered with a card in the response), over 500 people.
Each bot and the connector sink run in their own process; this process only generates load.

First every bot hears once from each person (Tandem stores each new conversation: a one-off
cost, reported on its own line), then the timed passes: closed-loop clients (50 and 200;
throughput, p50/p99, the ratios Tandem / bare), an open-loop pass (Poisson arrivals at a fixed
rate over 200 connections: the latency target), and a stall pass with asyncio debug on.
Prints PASS/FAIL per target and exits 0 whatever the targets say.

    .venv/bin/python bench/bot_load.py            # full run, about 3 minutes on 2 cores
    .venv/bin/python bench/bot_load.py --quick    # smoke run, a few hundred requests a pass
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from importlib.metadata import version
from pathlib import Path

import aiohttp
from bot_processes import Process, launch_script, launch_tandem, wait_announced, wait_healthy
from load_report import (
    BARE,
    TANDEM,
    OpenLoopResult,
    PassResult,
    print_first_contacts,
    print_kinds,
    print_open_loop,
    print_ratios,
    print_stalls,
    print_table,
    print_targets,
)
from load_run import JSON_HEADERS, Budget, PassStats, client_session, run_load
from open_loop import OpenLoopPlan, run_open_loop
from stall_log import find_stalls
from teams_traffic import PEOPLE, FirstContacts, TrafficMix, help_card_action, help_message

CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
FIRST_CONTACT_CLIENTS = 50


@dataclass(frozen=True)
class Plan:
    """How much load each pass gets."""

    concurrencies: tuple[int, ...]
    warmup: Callable[[], Budget]
    measure: Callable[[], Budget]
    stall_concurrency: int
    open_loop: OpenLoopPlan
    people: int = PEOPLE


FULL = Plan(
    (50, 200),
    lambda: Budget(seconds=3),
    lambda: Budget(seconds=15),
    200,
    OpenLoopPlan(rate=100, seconds=15, connections=200),
)
# The smoke run exercises every step (both bots, the sink, every pass) in about 20 s;
# its figures are too short to judge anything by.
QUICK = Plan(
    (50,),
    lambda: Budget(requests=30),
    lambda: Budget(requests=120),
    50,
    OpenLoopPlan(rate=50, seconds=2, connections=50),
    people=100,
)


@dataclass
class Fleet:
    """Every process of a run: the sink, and each bot plain and with asyncio debug on."""

    sink: Process
    bots: dict[str, Process]
    debug_bots: dict[str, Process]

    def all(self) -> list[Process]:
        """Every process, the sink last so the bots never lose it mid-reply."""
        return [*self.bots.values(), *self.debug_bots.values(), self.sink]


def launch_fleet(workdir: Path) -> Fleet:
    """Start all processes at once: their start-ups overlap, the passes run one at a time."""
    sink = launch_script("sink", "connector_sink.py", workdir / "sink")
    bots = {
        BARE: launch_script(BARE, "bare_bot.py", workdir / BARE),
        TANDEM: launch_tandem(TANDEM, workdir / TANDEM),
    }
    debug_bots = {
        BARE: launch_script(f"{BARE} (debug)", "bare_bot.py", workdir / "bare-debug", True),
        TANDEM: launch_tandem(f"{TANDEM} (debug)", workdir / "tandem-debug", True),
    }
    return Fleet(sink, bots, debug_bots)


async def sink_count(control: aiohttp.ClientSession, sink: Process) -> int:
    """Activities the connector sink has taken so far."""
    async with control.get(f"{sink.url}/stats") as response:
        return int((await response.json())["activities"])


async def probe(control: aiohttp.ClientSession, bot: Process, sink: Process) -> None:
    """Check the bot answers as the benchmark assumes before timing it; raise if not."""
    url = f"{bot.url}/api/messages"
    before = await sink_count(control, sink)
    message = json.dumps(help_message(sink.url, 0, 0)).encode()
    async with control.post(url, data=message, headers=JSON_HEADERS) as response:
        if not 200 <= response.status < 300:
            raise RuntimeError(f"{bot.name}: help message answered {response.status}")
    if await sink_count(control, sink) != before + 1:
        raise RuntimeError(f"{bot.name}: help message sent no reply to the connector")
    action = json.dumps(help_card_action(sink.url, 0, 0)).encode()
    async with control.post(url, data=action, headers=JSON_HEADERS) as response:
        body = await response.json() if response.status == HTTPStatus.OK else {}
    if body.get("statusCode") != HTTPStatus.OK or body.get("type") != CARD_CONTENT_TYPE:
        raise RuntimeError(f"{bot.name}: card action not answered with a card: {body}")


async def first_contacts(bot: Process, sink: Process, people: int) -> PassStats:
    """One activity from each person, so every conversation is known before the timed passes."""
    async with client_session(FIRST_CONTACT_CLIENTS) as session:
        return await run_load(
            session,
            f"{bot.url}/api/messages",
            FirstContacts(sink.url, people),
            FIRST_CONTACT_CLIENTS,
            Budget(requests=people),
        )


async def measure(
    control: aiohttp.ClientSession, bot: Process, sink: Process, clients: int, plan: Plan
) -> PassResult:
    """Warm up, then one timed pass of `clients` clients against `bot`."""
    url = f"{bot.url}/api/messages"
    traffic = TrafficMix(sink.url, plan.people)
    log_offset = bot.stderr_size()
    async with client_session(clients) as session:
        await run_load(session, url, traffic, clients, plan.warmup())
        replies, cpu = await sink_count(control, sink), bot.cpu_seconds()
        stats = await run_load(session, url, traffic, clients, plan.measure())
        replies, cpu = await sink_count(control, sink) - replies, bot.cpu_seconds() - cpu
    stalls = find_stalls(bot.stderr_text(log_offset))
    startup_stalls = find_stalls(bot.stderr_text()[:log_offset])
    return PassResult(bot.name, clients, stats, replies, cpu, stalls, startup_stalls)


async def measure_open_loop(
    control: aiohttp.ClientSession, bot: Process, sink: Process, plan: Plan
) -> OpenLoopResult:
    """Open every connection with a short closed-loop burst, then the open-loop pass."""
    url = f"{bot.url}/api/messages"
    traffic = TrafficMix(sink.url, plan.people)
    connections = plan.open_loop.connections
    async with client_session(connections) as session:
        await run_load(session, url, traffic, connections, Budget(requests=2 * connections))
        replies, cpu = await sink_count(control, sink), bot.cpu_seconds()
        result = await run_open_loop(session, url, traffic, plan.open_loop)
        replies, cpu = await sink_count(control, sink) - replies, bot.cpu_seconds() - cpu
    return OpenLoopResult(bot.name, plan.open_loop, result, replies, cpu)


@dataclass
class Results:
    """Everything a run measured."""

    first_contacts: dict[str, PassStats]
    closed_loop: list[PassResult]
    open_loop: list[OpenLoopResult]
    stall_passes: list[PassResult]


async def start(control: aiohttp.ClientSession, fleet: Fleet, people: int) -> dict[str, PassStats]:
    """Wait for every process, probe every bot, then introduce every person to every bot.

    Returns the first-contact figures of the plain bots (the debug bots' run together).
    """
    await asyncio.gather(*(wait_announced(process) for process in fleet.all()))
    bots = [*fleet.bots.values(), *fleet.debug_bots.values()]
    await asyncio.gather(*(wait_healthy(control, bot) for bot in bots))
    for bot in bots:
        await probe(control, bot, fleet.sink)
    sink = fleet.sink
    first = {name: await first_contacts(bot, sink, people) for name, bot in fleet.bots.items()}
    await asyncio.gather(*(first_contacts(bot, sink, people) for bot in fleet.debug_bots.values()))
    return first


async def run(plan: Plan, workdir: Path) -> Results:
    """All passes: closed loop at each concurrency against the bare bot then Tandem, the open
    loop against each, then the stall passes."""
    fleet = launch_fleet(workdir)
    try:
        async with aiohttp.ClientSession() as control:
            first = await start(control, fleet, plan.people)
            closed = [
                await measure(control, fleet.bots[name], fleet.sink, clients, plan)
                for clients in plan.concurrencies
                for name in (BARE, TANDEM)
            ]
            opened = [
                await measure_open_loop(control, fleet.bots[name], fleet.sink, plan)
                for name in (BARE, TANDEM)
            ]
            stall_passes = [
                await measure(control, bot, fleet.sink, plan.stall_concurrency, plan)
                for bot in fleet.debug_bots.values()
            ]
    finally:
        for process in fleet.all():
            process.stop()
    return Results(first, closed, opened, stall_passes)


def print_setting(plan: Plan, quick: bool) -> None:
    """What was run, on what."""
    print("Tandem vs a bare botbuilder bot (same CloudAdapter), closed- and open-loop load,")
    print(
        f"50/50 `help` messages (reply via the connector sink) and Help card actions (invoke), "
        f"{plan.people} people"
    )
    print(
        f"machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, botbuilder "
        f"{version('botbuilder-core')}, aiohttp {version('aiohttp')}; "
        f"{'quick smoke run' if quick else 'full run'}, clients {plan.concurrencies}"
    )
    print()


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its report; 0 unless something crashed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short smoke run")
    parser.add_argument("--keep-logs", type=Path, help="keep the processes' logs in this folder")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    print_setting(plan, args.quick)
    with tempfile.TemporaryDirectory(prefix="tandem-bench-") as tmp:
        workdir = args.keep_logs or Path(tmp)
        results = asyncio.run(run(plan, workdir))
    print_first_contacts(results.first_contacts, FIRST_CONTACT_CLIENTS)
    print()
    print_table(results.closed_loop)
    print()
    print_kinds(results.closed_loop)
    print()
    print_ratios(results.closed_loop)
    print()
    print_open_loop(results.open_loop)
    print()
    print_stalls(results.stall_passes)
    print()
    if args.quick:
        print("(quick smoke run: too short to judge the targets by; run without --quick)")
    print_targets(results.closed_loop, results.open_loop, results.stall_passes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
