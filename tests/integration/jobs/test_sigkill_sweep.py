"""SIGKILL at random moments of a sweep: no nudge is lost, and a kill costs at most one duplicate.

Sixty pairings have their day-7 mentor ping due. Tandem (dev mode, SQLite file, the Bot
Connector double on loopback) is started, killed with SIGKILL at a seeded random moment of its
sweep and started again, twenty times; a last start runs to the end. After each kill the test
reads which jobs the kill left in flight (claimed and marked by that run, never settled): only
those may be delivered again, once per such kill.
"""

from __future__ import annotations

import asyncio
import random
import signal
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from pathlib import Path

import pytest

from teams_app.domain.jobs import Job, JobStatus
from teams_app.storage.sql_store import SqlStore
from tests.doubles.bot_connector import BotConnectorDouble
from tests.doubles.loopback_server import ScriptedResponse
from tests.integration.jobs.due_nudges import MONDAY_MORNING, DueNudges, seed_due_mentor_pings
from tests.integration.jobs.tandem_processes import Launcher, launcher, tandem_env

PAIRINGS = 60
KILLS = 20
SEED = 20261207
SENDS = "/v3/conversations/*/activities/**"  # replies in the stored conversation
FIRST_SEND = "/v3/conversations/a:mentor-1/activities/**"
LEASE = timedelta(seconds=0.5)  # short, so a restart soon takes over what a kill left
HOLD = 2.0  # the first ping's send is held this long, so the first kill lands in flight


class KillWorld:
    """The seeded database, the double, the launcher and what the kills hit."""

    def __init__(self, tmp: Path, connector: BotConnectorDouble, runs: Launcher) -> None:
        self.data_dir = tmp
        self.url = f"sqlite+aiosqlite:///{tmp / 'tandem.db'}"
        self.connector = connector
        self.runs = runs
        self.started = time.time()
        self.hit_in_flight: Counter[str] = Counter()
        self.store: SqlStore | None = None

    def env(self) -> dict[str, str]:
        """Dev mode on the seeded file; the clock flows on from Monday 10:00 across restarts."""
        now = MONDAY_MORNING + timedelta(seconds=time.time() - self.started)
        return tandem_env(
            self.data_dir,
            TANDEM_CLOCK_START=now.isoformat(),
            TANDEM_JOB_SWEEP_SECONDS="0.1",
            TANDEM_JOB_LEASE_SECONDS=str(LEASE.total_seconds()),
            TANDEM_SEND_RATE="6",
        )

    async def jobs(self) -> dict[str, Job]:
        """Every job by key, as the database holds it now."""
        assert self.store is not None
        return {job.key: job for job in await self.store.list_jobs()}

    def sends(self) -> int:
        """Sends the double has seen begin (answered or not)."""
        return self.connector.count("POST", SENDS)


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[tuple[KillWorld, DueNudges]]:
    async with BotConnectorDouble(delay=0.02) as connector, launcher(tmp_path) as runs:
        kill_world = KillWorld(tmp_path, connector, runs)
        seeded = await seed_due_mentor_pings(kill_world.url, connector.url, PAIRINGS)
        kill_world.store = SqlStore.open(kill_world.url)
        try:
            yield kill_world, seeded
        finally:
            await kill_world.store.close()


async def _until(condition: Callable[[], Awaitable[bool]], within: float, what: str) -> None:
    deadline = time.monotonic() + within
    while not await condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


async def _run_and_kill(world: KillWorld, seeded: DueNudges, rng: random.Random, run: int) -> None:
    before = await world.jobs()
    sends_before = world.sends()
    pid = await world.runs.start(world.env())
    everything = len(seeded.conversations)

    async def sending() -> bool:  # or nothing is left to send
        return world.sends() > sends_before or len(_delivered(world)) == everything

    await _until(sending, 60, f"run {run} to send")
    if run == 0:
        # The first ping's send is being held by the double: its job must already be marked.
        first = (await world.jobs())[seeded.keys[0]]
        assert first.status is JobStatus.IN_FLIGHT, "a send started before it was marked"
        await asyncio.sleep(rng.uniform(0, HOLD / 2))
    else:
        await asyncio.sleep(rng.uniform(0, 0.5))
    await world.runs.kill(pid)
    cut = [key for key, job in (await world.jobs()).items() if _marked_by_this_run(job, before)]
    # Each send is settled before the next is marked, so a kill cuts at most one.
    assert len(cut) <= 1, cut
    world.hit_in_flight.update(cut)


def _marked_by_this_run(job: Job, before: dict[str, Job]) -> bool:
    """In flight, claimed by this run (one more attempt) and marked after that claim.

    A job an earlier kill left in flight keeps that status when claimed again, so being in
    flight is not enough: the mark must be newer than this run's claim (lease start).
    """
    if job.status is not JobStatus.IN_FLIGHT or job.attempts <= before[job.key].attempts:
        return False
    assert job.updated_at is not None and job.lease_until is not None
    return job.updated_at > job.lease_until - LEASE


def _delivered(world: KillWorld) -> Counter[str]:
    return Counter(activity["conversation"]["id"] for activity in world.connector.activities())


async def test_sigkill_at_random_moments_loses_no_nudge_and_duplicates_only_in_flight_sends(
    world: tuple[KillWorld, DueNudges],
) -> None:
    kill_world, seeded = world
    kill_world.connector.script("POST", FIRST_SEND, ScriptedResponse(delay=HOLD))
    rng = random.Random(SEED)
    for run in range(KILLS):
        await _run_and_kill(kill_world, seeded, rng, run)

    pid = await kill_world.runs.start(kill_world.env())

    async def all_done() -> bool:
        return all(job.status is JobStatus.DONE for job in (await kill_world.jobs()).values())

    await _until(all_done, 60, "the last run to finish every job")
    await asyncio.sleep(0.5)  # a send answered late by the double is still stored
    assert await kill_world.runs.kill(pid, signal.SIGTERM) == 0, kill_world.runs.logs()

    delivered = _delivered(kill_world)
    hits = {
        seeded.conversations[seeded.keys.index(k)]: n for k, n in kill_world.hit_in_flight.items()
    }
    missing = [c for c in seeded.conversations if delivered[c] == 0]
    assert missing == [], f"nudges lost: {missing}"
    for conversation in seeded.conversations:
        extra = delivered[conversation] - 1
        assert extra <= hits.get(conversation, 0), (conversation, extra, hits)
    duplicates = sum(delivered.values()) - len(seeded.conversations)
    assert duplicates <= KILLS
    assert hits.get(seeded.conversations[0], 0) >= 1  # the held first send was cut in flight
    print(
        f"\n{KILLS} kills, {len(delivered)} nudges delivered, {duplicates} duplicates, "
        f"{sum(kill_world.hit_in_flight.values())} kills hit a send in flight"
    )
