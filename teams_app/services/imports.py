"""The administrators' imports: HR staff data for prefill, and applications collected elsewhere.

Each row is checked completely before anything is written for it, so a rejected row changes
nothing; accepted rows are written one by one, and a dry run only checks.
"""

from __future__ import annotations

import logging
from collections.abc import Container
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from teams_app.domain.applications import (
    Application,
    ApplicationStatus,
    Cohort,
    StaleApplication,
)
from teams_app.domain.audit import AuditEntry
from teams_app.domain.import_outcome import import_refusals, merged_answers
from teams_app.domain.import_rows import Applicant, ApplicationReader
from teams_app.domain.import_staff import StaffRecord, read_staff
from teams_app.domain.import_table import Rejected, SourceRow, Table
from teams_app.domain.people import Person
from teams_app.domain.programme import Programme, Role
from teams_app.domain.questionnaire import Questionnaire
from teams_app.services.import_people import ImportReport, Outcome, PeopleIndex, Progress
from teams_app.services.ports import Clock, Store
from teams_app.services.signup_answers import SUMMARY_STEP

log = logging.getLogger(__name__)

GENDER_NOTE = (
    "column gender ignored: it is diversity data, which Tandem keeps only as a person's own "
    "confidential answer"
)


async def import_staff(
    store: Store,
    clock: Clock,
    table: Table,
    time_zones: Container[str],
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    actor: str = "cli",
) -> ImportReport:
    """Record HR data of the people in `table`, used to prefill their sign-up answers."""
    report = ImportReport(dry_run, notes=[GENDER_NOTE] if "gender" in table.columns else [])
    index = PeopleIndex(await store.list_people())
    today = clock.now().date()
    first_line: dict[str, int] = {}
    for done, row in enumerate(table.rows, start=1):
        record = read_staff(row, time_zones, today)
        if isinstance(record, Rejected):
            report.add(record)
        else:
            keys = [key for key in (record.email.lower(), record.aad_object_id) if key]
            earlier = next((first_line[key] for key in keys if key in first_line), None)
            for key in keys:
                first_line.setdefault(key, row.line)
            if earlier is not None:
                report.add(_duplicate(row.line, earlier, "the same person"))
            else:
                report.add(await _store_person(store, index, record, dry_run))
        if progress:
            progress(done, len(table.rows))
    await _finish(store, clock, actor, ("import.staff", "people"), report)
    return report


async def _store_person(
    store: Store, index: PeopleIndex, record: StaffRecord, dry_run: bool
) -> Outcome | Rejected:
    resolved = index.resolve(record.email, record.aad_object_id)
    if isinstance(resolved, str):
        return Rejected(record.line, (resolved,))
    key, stored = resolved
    person = record.person(key)
    if person == stored:
        return Outcome.UNCHANGED
    if not dry_run:
        await store.upsert_person(person)
    index.remember(person)
    return Outcome.IMPORTED if stored is None else Outcome.UPDATED


@dataclass
class _FileState:
    """What earlier rows of the same file decided, which later rows must respect."""

    cohort: Cohort | None
    first_line: dict[tuple[str, Role], int] = field(default_factory=dict)
    roles: dict[str, set[Role]] = field(default_factory=dict)


class ApplicationImport:
    """Submitted applications to one programme edition, from a file collected elsewhere."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        programme: Programme,
        questionnaire: Questionnaire,
        actor: str = "cli",
    ) -> None:
        self._store = store
        self._clock = clock
        self._programme = programme
        self._questionnaire = questionnaire
        self._reader = ApplicationReader(programme, questionnaire)
        self._actor = actor

    async def run(
        self, table: Table, *, dry_run: bool = False, progress: Progress | None = None
    ) -> ImportReport:
        """Check every row, then (unless a dry run) store each accepted one as submitted."""
        report = ImportReport(dry_run)
        index = PeopleIndex(await self._store.list_people())
        edition = (self._programme.id, self._programme.edition)
        state = _FileState(await self._store.find_cohort(*edition))
        today = self._clock.now().date()
        for done, row in enumerate(table.rows, start=1):
            report.add(await self._row(row, index, state, today, dry_run))
            if progress:
                progress(done, len(table.rows))
        action = ("import.applications", f"cohort:{edition[0]}/{edition[1]}")
        await _finish(self._store, self._clock, self._actor, action, report)
        return report

    async def _row(
        self, row: SourceRow, index: PeopleIndex, state: _FileState, today: date, dry_run: bool
    ) -> Outcome | Rejected:
        applicant = self._reader.read(row, today)
        if isinstance(applicant, Rejected):
            return applicant
        earlier = state.first_line.setdefault(applicant.key, row.line)
        if earlier != row.line:
            return _duplicate(row.line, earlier, f"the same e-mail and role ({applicant.role})")
        resolved = index.resolve(applicant.email, applicant.aad_object_id)
        if isinstance(resolved, str):
            return Rejected(row.line, (resolved,))
        key, person = resolved
        stored = await self._stored(key, state.cohort)
        current = next((a for a in stored if a.role == applicant.role.value), None)
        refusals = self._refusals(applicant, key, stored, current, state, today)
        if refusals:
            return Rejected(row.line, refusals)
        state.roles.setdefault(key, set()).add(applicant.role)
        base = current or Application(0, key, applicant.role.value)
        public, confidential = merged_answers(
            self._questionnaire, applicant, base.answers, base.confidential
        )
        if _unchanged(current, public, confidential):
            return Outcome.UNCHANGED
        outcome = Outcome.IMPORTED if current is None else Outcome.UPDATED
        if dry_run:
            index.remember(person or Person(key, applicant.email, applicant.name))
            return outcome
        submitted = replace(base, answers=public, confidential=confidential)
        return await self._write(applicant, key, person, submitted, state, index, outcome)

    def _refusals(
        self,
        applicant: Applicant,
        key: str,
        stored: list[Application],
        current: Application | None,
        state: _FileState,
        today: date,
    ) -> tuple[str, ...]:
        role = applicant.role
        if current is not None and current.status is ApplicationStatus.WITHDRAWN:
            return (
                f"role: this person withdrew their {role} application in Tandem; "
                "an import does not submit it again (they can sign up again themselves)",
            )
        others = {
            Role(a.role) for a in stored if a.status is not ApplicationStatus.WITHDRAWN
        } | state.roles.get(key, set())
        others.discard(role)
        return import_refusals(self._programme, applicant, others, today)

    async def _stored(self, key: str, cohort: Cohort | None) -> list[Application]:
        if cohort is None:
            return []
        return [a for a in await self._store.applications_of(key) if a.cohort_id == cohort.id]

    async def _write(
        self,
        applicant: Applicant,
        key: str,
        person: Person | None,
        application: Application,
        state: _FileState,
        index: PeopleIndex,
        outcome: Outcome,
    ) -> Outcome | Rejected:
        if state.cohort is None:
            state.cohort = await self._store.ensure_cohort(
                self._programme.id, self._programme.edition
            )
        if person is None:
            person = Person(key, applicant.email, applicant.name)
            await self._store.upsert_person(person)
            index.remember(person)
        now = self._clock.now()
        submitted = replace(
            application,
            cohort_id=state.cohort.id,
            status=ApplicationStatus.SUBMITTED,
            step=SUMMARY_STEP,
            submitted_at=application.submitted_at or now,
        )
        try:
            saved = await self._store.save_application(submitted)
        except StaleApplication:
            return Rejected(applicant.line, ("changed in Tandem during the import; import again",))
        detail = {"role": saved.role, "cohort": str(saved.cohort_id), "outcome": outcome.value}
        subject = f"application:{saved.id}"
        await self._store.append_audit(
            AuditEntry(now, self._actor, "application.imported", subject, detail)
        )
        return outcome


def _duplicate(line: int, earlier: int, what: str) -> Rejected:
    reason = f"duplicate: line {earlier} is about {what}; only that one is imported"
    return Rejected(line, (reason,))


def _unchanged(
    current: Application | None, public: dict[str, Any], confidential: dict[str, Any]
) -> bool:
    """Whether a stored application is already submitted with exactly these answers."""
    if current is None or current.status is not ApplicationStatus.SUBMITTED:
        return False
    return (current.answers, current.confidential) == (public, confidential)


async def _finish(
    store: Store, clock: Clock, actor: str, what: tuple[str, str], report: ImportReport
) -> None:
    action, subject = what
    # Only a run that wrote something is audited, so importing a file again changes nothing.
    if not report.dry_run and report.imported + report.updated:
        await store.append_audit(AuditEntry(clock.now(), actor, action, subject, report.counts()))
    log.info(action, extra=report.counts())
