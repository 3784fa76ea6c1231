"""The durable job runner: claims due jobs under a lease, asks their handler, records the end.

Effects happen at least once and, barring a crash mid-send, exactly once: a job is marked in
flight just before its effect and settled just after. A process killed between the two
leaves the job in flight; when its lease expires another run claims it and sends again, so a
kill can cause at most one duplicate and never a loss.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Mapping
from datetime import timedelta

from teams_app.domain.jobs import Cancel, Defer, Job, JobStatus, Send, retry_delay
from teams_app.jobs.periodic import PeriodicTask
from teams_app.services.job_ports import JobHandler, JobStore
from teams_app.services.ports import Clock

log = logging.getLogger(__name__)

_ERROR_CHARS = 500


def default_owner() -> str:
    """A lease owner name unique to this process (host, pid and a random part)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class JobRunner:
    """Runs due jobs with the handler registered for their kind."""

    def __init__(
        self,
        store: JobStore,
        clock: Clock,
        handlers: Mapping[str, JobHandler],
        owner: str | None = None,
        lease_seconds: float = 120.0,
        batch: int = 50,
        max_attempts: int = 5,
        retry_base: timedelta = timedelta(minutes=1),
    ) -> None:
        self._store = store
        self._clock = clock
        self._handlers = dict(handlers)
        self.owner = owner or default_owner()
        self._lease_seconds = lease_seconds
        self._batch = batch
        self._max_attempts = max_attempts
        self._retry_base = retry_base

    async def run_once(self) -> int:
        """Claim one batch of due jobs and run each; how many were claimed."""
        jobs = await self._store.claim_due_jobs(
            self._clock.now(), self.owner, self._lease_seconds, self._batch
        )
        for job in jobs:
            await self._run(job)
        return len(jobs)

    async def run_until_idle(self) -> int:
        """Run batches until one comes back short (the backlog is drained); how many ran."""
        total = 0
        while True:
            claimed = await self.run_once()
            total += claimed
            if claimed < self._batch:
                return total

    async def run_forever(self, interval: float) -> None:
        """Drain due jobs every `interval` seconds until cancelled; failures are logged."""
        while True:
            try:
                await self.run_until_idle()
            except Exception as error:  # the database may be back at the next run
                log.warning("jobs.run_failed", extra={"error": type(error).__name__})
            await asyncio.sleep(interval)

    def periodic(self, interval: float) -> PeriodicTask:
        """The runner as a PeriodicTask, whose start/stop are aiohttp startup/cleanup hooks."""
        return PeriodicTask("jobs", self.run_until_idle, interval)

    async def _run(self, job: Job) -> None:
        handler = self._handlers.get(job.kind)
        try:
            if handler is None:
                raise LookupError(f"no handler for job kind {job.kind!r}")
            decision = await handler(job)
        except Exception as error:  # the handler failed before any effect: retry later
            await self._failed(job, error)
            return
        if isinstance(decision, Cancel):
            await self._settle(job, JobStatus.CANCELLED, decision.reason)
        elif isinstance(decision, Defer):
            await self._store.settle_job(
                job.id, self.owner, JobStatus.PENDING, due_at=decision.until, reset_attempts=True
            )
        else:
            await self._send(job, decision)

    async def _send(self, job: Job, decision: Send) -> None:
        if not await self._store.mark_in_flight(job.id, self.owner):
            log.warning("jobs.lease_lost", extra={"job_id": job.id, "kind": job.kind})
            return
        try:
            note = await decision.action()
        except Exception as error:  # the effect may or may not have happened: retry it
            await self._failed(job, error)
            return
        await self._settle(job, JobStatus.DONE, note or "")

    async def _failed(self, job: Job, error: Exception) -> None:
        log.warning(
            "jobs.failed",
            extra={
                "job_id": job.id,
                "kind": job.kind,
                "attempts": job.attempts,
                "error": type(error).__name__,
            },
        )
        record = f"{type(error).__name__}: {error}"[:_ERROR_CHARS]
        if job.attempts >= self._max_attempts:
            await self._settle(job, JobStatus.FAILED, record)
            return
        retry_at = self._clock.now() + retry_delay(job.attempts, self._retry_base)
        await self._store.settle_job(job.id, self.owner, JobStatus.PENDING, record, retry_at)

    async def _settle(self, job: Job, status: JobStatus, note: str) -> None:
        if not await self._store.settle_job(job.id, self.owner, status, note):
            log.warning("jobs.lease_lost", extra={"job_id": job.id, "kind": job.kind})
