"""Two Tandem processes on one PostgreSQL database share 1,000 due jobs: each sent once, none lost.

Both are real `python -m teams_app serve` processes (TANDEM_WORKERS=2) claiming with
`FOR UPDATE SKIP LOCKED`; the Bot Connector double counts what reaches Teams. While they run,
the test samples the jobs' lease owners to see that both processes were claiming at once.
"""

from __future__ import annotations

import asyncio
import signal
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select

from teams_app.domain.jobs import JobStatus
from teams_app.storage.sql_store import SqlStore
from teams_app.storage.tables import JobRow
from tests.doubles.bot_connector import BotConnectorDouble
from tests.doubles.postgres_server import PostgresServer
from tests.integration.jobs.due_nudges import MONDAY_MORNING, seed_due_mentor_pings
from tests.integration.jobs.tandem_processes import launcher, tandem_env

JOBS = 1000
WORKERS = 2
STUCK_AFTER = 300.0

pytestmark = pytest.mark.postgres


async def _lease_owners(store: SqlStore) -> set[str]:
    query = select(JobRow.lease_owner).where(JobRow.lease_owner.is_not(None)).distinct()
    async with store.engine.connect() as connection:
        return {str(owner) for owner in (await connection.scalars(query)).all()}


async def _open_jobs(store: SqlStore) -> int:
    query = select(func.count()).select_from(JobRow).where(JobRow.status != JobStatus.DONE.value)
    async with store.engine.connect() as connection:
        return int((await connection.scalar(query)) or 0)


async def test_two_workers_on_postgresql_send_each_of_1000_due_jobs_exactly_once(
    postgres_server: PostgresServer, tmp_path: Path
) -> None:
    url = postgres_server.create_database("workers")
    async with BotConnectorDouble() as connector, launcher(tmp_path) as runs:
        seeded = await seed_due_mentor_pings(url, connector.url, JOBS)
        store = SqlStore.open(url)
        env = tandem_env(
            tmp_path,
            TANDEM_DATABASE_URL=url,
            TANDEM_WORKERS=str(WORKERS),
            TANDEM_CLOCK_START=MONDAY_MORNING.isoformat(),
            TANDEM_JOB_SWEEP_SECONDS="0.2",
            TANDEM_JOB_LEASE_SECONDS="60",
            TANDEM_SEND_RATE="500",
        )
        started = time.monotonic()
        pids = [await runs.start(env) for _ in range(WORKERS)]
        owners: set[str] = set()
        try:
            while await _open_jobs(store):
                owners |= await _lease_owners(store)
                # About 30 ms of CPU a nudge: a minute on a quiet machine, more on a busy one.
                assert time.monotonic() - started < STUCK_AFTER, runs.logs()
                await asyncio.sleep(0.25)
            elapsed = time.monotonic() - started
            for pid in pids:
                assert await runs.kill(pid, signal.SIGTERM) == 0, runs.logs()
            failed = await store.list_jobs(status=JobStatus.FAILED)
        finally:
            await store.close()

    per_conversation = Counter(a["conversation"]["id"] for a in connector.activities())
    assert failed == []
    assert sorted(per_conversation) == sorted(seeded.conversations)  # none lost
    assert set(per_conversation.values()) == {1}  # none twice
    assert connector.count("POST", "/v3/conversations/**") == JOBS
    claiming = {pid for pid in pids if any(f":{pid}:" in owner for owner in owners)}
    assert claiming == set(pids), f"not both processes held leases: {owners}"
    print(f"\n{JOBS} jobs by {WORKERS} processes in {elapsed:.1f} s, each sent once")
