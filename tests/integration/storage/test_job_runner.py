"""The job runner with a tiny handler: leases, retries with backoff, crashes in flight."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiohttp import web

from teams_app.domain.jobs import Cancel, Decision, Defer, Job, JobStatus, Send
from teams_app.jobs.runner import JobRunner
from teams_app.storage.migrate import upgrade
from teams_app.storage.sql_store import SqlStore
from tests.integration.storage.job_doubles import ManualClock

T0 = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)


class EchoHandler:
    """Sends the job's key to a list; `failures` first raises that many times."""

    def __init__(self, failures: int = 0, decision: Decision | None = None) -> None:
        self.sent: list[str] = []
        self.seen: list[Job] = []
        self.failures = failures
        self.decision = decision
        self._changed = asyncio.Condition()

    async def __call__(self, job: Job) -> Decision:
        """Send, unless a fixed decision was given."""
        self.seen.append(job)
        return self.decision or Send(lambda: self._send(job))

    async def _send(self, job: Job) -> str | None:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("bot connector unreachable")
        self.sent.append(job.key)
        async with self._changed:
            self._changed.notify_all()
        return None

    async def wait_until_sent(self, count: int) -> None:
        """Return once `count` jobs were sent (fail after 5 s)."""
        async with asyncio.timeout(5), self._changed:
            await self._changed.wait_for(lambda: len(self.sent) >= count)


@pytest.fixture
def clock() -> ManualClock:
    """Time standing at T0."""
    return ManualClock(T0)


@pytest.fixture
async def store(database_url: str, clock: ManualClock) -> AsyncIterator[SqlStore]:
    """A store on a migrated database, reading the manual clock."""
    await upgrade(database_url)
    opened = SqlStore.open(database_url, clock)
    yield opened
    await opened.close()


def _runner(store: SqlStore, clock: ManualClock, handler: EchoHandler, **kw: Any) -> JobRunner:
    return JobRunner(store, clock, {"echo": handler}, owner="runner", lease_seconds=60, **kw)


async def test_a_due_job_runs_once_and_a_job_not_yet_due_waits(
    store: SqlStore, clock: ManualClock
) -> None:
    handler = EchoHandler()
    await store.schedule_job("echo", "now", "s", T0)
    await store.schedule_job("echo", "later", "s", T0 + timedelta(hours=1))
    runner = _runner(store, clock, handler)

    assert await runner.run_once() == 1
    assert await runner.run_once() == 0
    clock.advance(timedelta(hours=1))
    assert await runner.run_until_idle() == 1

    assert handler.sent == ["now", "later"]
    assert {job.status for job in await store.list_jobs()} == {JobStatus.DONE}


async def test_a_failed_send_is_retried_with_backoff_and_then_succeeds_once(
    store: SqlStore, clock: ManualClock
) -> None:
    handler = EchoHandler(failures=2)
    await store.schedule_job("echo", "k", "s", T0)
    runner = _runner(store, clock, handler, retry_base=timedelta(minutes=1))

    await runner.run_once()
    failed = await store.get_job("k")
    assert failed is not None
    assert (failed.status, failed.attempts) == (JobStatus.PENDING, 1)
    assert failed.due_at == T0 + timedelta(minutes=1)
    assert failed.last_error == "ConnectionError: bot connector unreachable"
    clock.advance(timedelta(minutes=1))
    await runner.run_once()
    second = await store.get_job("k")
    assert second is not None and second.due_at == T0 + timedelta(minutes=3)
    clock.advance(timedelta(minutes=2))
    await runner.run_once()

    assert handler.sent == ["k"]
    done = await store.get_job("k")
    assert done is not None and (done.status, done.attempts) == (JobStatus.DONE, 3)


async def test_a_job_that_keeps_failing_ends_failed_after_the_last_attempt(
    store: SqlStore, clock: ManualClock
) -> None:
    handler = EchoHandler(failures=99)
    await store.schedule_job("echo", "k", "s", T0)
    runner = _runner(store, clock, handler, max_attempts=3)

    for _ in range(5):
        await runner.run_once()
        clock.advance(timedelta(hours=1))

    job = await store.get_job("k")
    assert job is not None and (job.status, job.attempts) == (JobStatus.FAILED, 3)
    assert handler.sent == []


async def test_a_job_of_an_unknown_kind_is_recorded_as_a_failure(
    store: SqlStore, clock: ManualClock
) -> None:
    await store.schedule_job("mystery", "k", "s", T0)

    await _runner(store, clock, EchoHandler()).run_once()

    job = await store.get_job("k")
    assert job is not None and job.status is JobStatus.PENDING
    assert job.last_error.startswith("LookupError")


async def test_cancel_and_defer_decisions_are_recorded_without_sending(
    store: SqlStore, clock: ManualClock
) -> None:
    await store.schedule_job("echo", "k", "s", T0)
    later = T0 + timedelta(days=2)

    await _runner(store, clock, EchoHandler(decision=Defer(later))).run_once()
    deferred = await store.get_job("k")
    clock.advance(timedelta(days=2))
    await _runner(store, clock, EchoHandler(decision=Cancel("contact made"))).run_once()
    cancelled = await store.get_job("k")

    assert deferred is not None and (deferred.due_at, deferred.attempts) == (later, 0)
    assert cancelled is not None
    assert (cancelled.status, cancelled.last_error) == (JobStatus.CANCELLED, "contact made")


async def test_a_send_cut_by_a_crash_in_flight_is_sent_again_once_the_lease_expires(
    store: SqlStore, clock: ManualClock
) -> None:
    await store.schedule_job("echo", "k", "s", T0)
    (job,) = await store.claim_due_jobs(T0, "killed", 60, 10)
    await store.mark_in_flight(job.id, "killed")  # ... and the process dies here
    handler = EchoHandler()
    runner = _runner(store, clock, handler)

    assert await runner.run_once() == 0  # the dead owner's lease still holds
    clock.advance(timedelta(seconds=60))
    assert await runner.run_once() == 1
    assert await runner.run_once() == 0

    assert handler.sent == ["k"]
    assert handler.seen[0].status is JobStatus.IN_FLIGHT


async def test_a_runner_that_lost_its_lease_while_deciding_does_not_send(
    store: SqlStore, clock: ManualClock
) -> None:
    await store.schedule_job("echo", "k", "s", T0)
    handler = EchoHandler()

    async def slow_handler(job: Job) -> Decision:
        # The decision took longer than the lease, and another replica took the job over.
        clock.advance(timedelta(seconds=61))
        assert await store.claim_due_jobs(clock.now(), "other", 60, 10)
        return await handler(job)

    runner = JobRunner(store, clock, {"echo": slow_handler}, owner="runner", lease_seconds=60)
    await runner.run_once()

    job = await store.get_job("k")
    assert handler.sent == []
    assert job is not None and (job.status, job.lease_owner) == (JobStatus.PENDING, "other")


async def test_run_forever_keeps_running_jobs_as_they_fall_due(
    store: SqlStore, clock: ManualClock
) -> None:
    handler = EchoHandler()
    await store.schedule_job("echo", "first", "s", T0)
    task = asyncio.create_task(_runner(store, clock, handler).run_forever(0.01))
    try:
        await handler.wait_until_sent(1)
        await store.schedule_job("echo", "second", "s", T0)
        await handler.wait_until_sent(2)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    assert handler.sent == ["first", "second"]


async def test_the_runner_starts_and_stops_with_the_web_app(
    store: SqlStore, clock: ManualClock
) -> None:
    handler = EchoHandler()
    await store.schedule_job("echo", "k", "s", T0)
    hooks = _runner(store, clock, handler).periodic(0.01)
    app = web.Application()

    await hooks.start(app)
    await handler.wait_until_sent(1)
    await hooks.stop(app)

    assert handler.sent == ["k"]
