"""Erasing a cohort's personal data for SqlStore, all of it in one transaction.

Deleted: applications (confidential diversity answers included), suggestions with their
reasons, mentor requests with their messages, rematch and conflict cases (encrypted notes),
the pairs' agreements and their history, the local calendar's events of their sessions, and
the people of the cohort who take part in no other cohort still holding personal data, with
their learning journals and personal chat references.

Kept for counting, without anyone in them: pairings (people replaced by `erased-<cohort>-<n>`,
the same n for the same person, so "distinct mentees" still counts right), sessions (no
organiser, meeting link or card), contacts (who recorded them dropped), jobs (their keys hold
ids only; open ones are cancelled), survey answers (author replaced by `erased-<role>`, free
text by ERASED_TEXT, so the aggregate keeps its counts), and the audit log (who did what to
which record id; typed reasons and case categories about the cohort's records, and e-mail
addresses in subjects, are replaced).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from teams_app.domain.conversations import Scope
from teams_app.domain.jobs import JobStatus
from teams_app.domain.pairing import PairingStatus
from teams_app.domain.retention import ERASED, Erasure
from teams_app.storage.admin_tables import AdminCaseRow
from teams_app.storage.agreement_tables import (
    AgreementHistoryRow,
    AgreementItemRow,
    JournalEntryRow,
)
from teams_app.storage.survey_tables import SurveyAnswerRow
from teams_app.storage.tables import (
    ApplicationRow,
    AuditRow,
    CohortRow,
    ConversationRow,
    JobRow,
    LocalEventRow,
    MentorRequestRow,
    PairContactRow,
    PairingRow,
    PersonRow,
    SessionRow,
    SuggestionsRow,
)

ERASED_TEXT = "[erased]"
# Audit details that can say something about a person: an administrator's typed reason for a
# confidential read, and the category a participant chose for a rematch or conflict.
PRIVATE_DETAIL = frozenset({"reason", "category"})
END_REASON = "personal data deleted"


class RetentionRows:
    """Mixin of SqlStore (which provides these attributes)."""

    _sessions: async_sessionmaker[AsyncSession]
    _dialect: str

    async def erase_cohort_personal_data(
        self, cohort_id: int, at: datetime, free_text: Collection[str] = ()
    ) -> Erasure:
        """Erase the cohort's personal data once, audited; a second call touches nothing.

        `free_text` names the survey questions whose answers are typed text (erased too).
        Everything happens in one transaction: a crash leaves all of it or none of it.
        """
        async with self._sessions.begin() as db:
            if self._dialect == "sqlite":  # take the write lock before reading
                await (await db.connection()).exec_driver_sql("BEGIN IMMEDIATE")
            cohort = await db.get(CohortRow, cohort_id, with_for_update=True)
            if cohort is None:
                raise LookupError(f"there is no cohort {cohort_id}")
            if cohort.personal_data_deleted_at is not None:
                return Erasure(cohort_id, already=True)
            counts = await _erase(db, cohort_id, at, frozenset(free_text))
            cohort.personal_data_deleted_at = at
            erasure = Erasure(cohort_id, tuple(counts.items()))
            # In the same transaction: the record of the erasure exists exactly when it happened.
            db.add(
                AuditRow(
                    at=at,
                    actor="tandem",
                    action="cohort.personal_data_deleted",
                    subject=f"cohort:{cohort_id}",
                    detail=erasure.as_detail(),
                )
            )
            return erasure


async def _erase(
    db: AsyncSession, cohort_id: int, at: datetime, free_text: frozenset[str]
) -> dict[str, int]:
    pairings = list(await db.scalars(select(PairingRow).where(PairingRow.cohort_id == cohort_id)))
    ids = [p.id for p in pairings]
    members = await _members(db, cohort_id, pairings)
    leaving = await _without_other_cohort(db, cohort_id, members)
    subjects = await _record_subjects(db, cohort_id)
    emails = list(
        await db.scalars(select(PersonRow.email).where(PersonRow.aad_object_id.in_(leaving)))
    )
    counts: dict[str, int] = {}
    counts["audit_log"] = await _scrub_audit(db, subjects, emails)
    counts |= await _delete_cohort_rows(db, cohort_id, ids)
    counts["sessions"] = await _anonymise_sessions(db, ids)
    counts["survey_answers"] = await _anonymise_answers(db, ids, free_text)
    counts["pair_contacts"] = _rowcount(
        await db.execute(
            update(PairContactRow)
            .where(PairContactRow.pairing_id.in_(ids), PairContactRow.recorded_by.is_not(None))
            .values(recorded_by=None)
        )
    )
    counts["jobs"] = await _cancel_jobs(db, ids, at)
    pseudonyms = {person: f"{ERASED}-{cohort_id}-{n}" for n, person in enumerate(members, 1)}
    for pairing in pairings:
        pairing.mentee = pseudonyms[pairing.mentee]
        pairing.mentor = pseudonyms[pairing.mentor]
        pairing.request_id = None
        if pairing.status == PairingStatus.ACTIVE.value:
            pairing.status = PairingStatus.ENDED.value
            pairing.ended_at, pairing.end_reason = at, END_REASON
        pairing.version += 1
    await db.flush()  # pairings before the requests they pointed at are deleted
    counts["pairings"] = len(pairings)
    counts |= await _delete_people_rows(db, cohort_id, leaving)
    return counts


async def _members(db: AsyncSession, cohort_id: int, pairings: Iterable[PairingRow]) -> list[str]:
    """Everyone who took part in the cohort, in a stable order (pairings first)."""
    found: dict[str, None] = {}
    for pairing in pairings:
        found |= {pairing.mentee: None, pairing.mentor: None}
    queries: list[Any] = [
        select(ApplicationRow.person_aad_id).where(ApplicationRow.cohort_id == cohort_id),
        select(SuggestionsRow.mentee).where(SuggestionsRow.cohort_id == cohort_id),
        select(MentorRequestRow.mentee).where(MentorRequestRow.cohort_id == cohort_id),
        select(MentorRequestRow.mentor).where(MentorRequestRow.cohort_id == cohort_id),
    ]
    for query in queries:
        for person in sorted(await db.scalars(query)):
            found.setdefault(person, None)
    return list(found)


async def _without_other_cohort(db: AsyncSession, cohort_id: int, members: list[str]) -> list[str]:
    """The members with no application or pairing in another cohort that keeps its data."""
    live = select(CohortRow.id).where(
        CohortRow.id != cohort_id, CohortRow.personal_data_deleted_at.is_(None)
    )
    applied = select(ApplicationRow.person_aad_id).where(ApplicationRow.cohort_id.in_(live))
    paired = select(PairingRow.mentee, PairingRow.mentor).where(PairingRow.cohort_id.in_(live))
    staying = set(await db.scalars(applied))
    for mentee, mentor in await db.execute(paired):
        staying |= {mentee, mentor}
    return [m for m in members if m not in staying and not m.startswith(f"{ERASED}-")]


async def _record_subjects(db: AsyncSession, cohort_id: int) -> list[str]:
    """The audit subjects naming one of the cohort's records that are about to go."""
    applications = select(ApplicationRow.id).where(ApplicationRow.cohort_id == cohort_id)
    cases = select(AdminCaseRow.id).where(AdminCaseRow.cohort_id == cohort_id)
    return [f"application:{i}" for i in await db.scalars(applications)] + [
        f"case:{i}" for i in await db.scalars(cases)
    ]


async def _scrub_audit(db: AsyncSession, subjects: list[str], emails: list[str]) -> int:
    """Keep each entry; drop typed reasons about the cohort's records and e-mail subjects."""
    by_email = [f"person:{email}" for email in emails]
    query = select(AuditRow).where(
        or_(AuditRow.subject.in_(subjects), AuditRow.subject.in_(by_email))
    )
    changed = 0
    for entry in await db.scalars(query):
        if entry.subject in by_email:
            entry.subject = f"person:{ERASED}"
            changed += 1
        if any(key in entry.detail for key in PRIVATE_DETAIL):
            entry.detail = {
                key: (ERASED_TEXT if key in PRIVATE_DETAIL else value)
                for key, value in entry.detail.items()
            }
            changed += 1
    return changed


async def _delete_cohort_rows(db: AsyncSession, cohort_id: int, ids: list[int]) -> dict[str, int]:
    statements: list[tuple[str, Any]] = [
        ("applications", delete(ApplicationRow).where(ApplicationRow.cohort_id == cohort_id)),
        ("suggestions", delete(SuggestionsRow).where(SuggestionsRow.cohort_id == cohort_id)),
        ("admin_cases", delete(AdminCaseRow).where(AdminCaseRow.cohort_id == cohort_id)),
        ("agreement_items", delete(AgreementItemRow).where(AgreementItemRow.pairing_id.in_(ids))),
        (
            "agreement_history",
            delete(AgreementHistoryRow).where(AgreementHistoryRow.pairing_id.in_(ids)),
        ),
    ]
    counts = {table: _rowcount(await db.execute(s)) for table, s in statements}
    meetings = select(SessionRow.transaction_id).where(SessionRow.pairing_id.in_(ids))
    events = delete(LocalEventRow).where(LocalEventRow.transaction_id.in_(meetings))
    counts["local_calendar_events"] = _rowcount(await db.execute(events))
    return counts


async def _anonymise_sessions(db: AsyncSession, ids: list[int]) -> int:
    statement = (
        update(SessionRow)
        .where(SessionRow.pairing_id.in_(ids))
        .values(
            organizer=ERASED,
            booked_by=ERASED,
            cancelled_by=None,
            event_id=None,
            join_url=None,
            mentee_card=None,
            mentor_card=None,
            time_zone="UTC",
            mentor_zone="UTC",
            version=SessionRow.version + 1,
        )
    )
    return _rowcount(await db.execute(statement))


async def _anonymise_answers(db: AsyncSession, ids: list[int], free_text: frozenset[str]) -> int:
    rows = await db.scalars(select(SurveyAnswerRow).where(SurveyAnswerRow.pairing_id.in_(ids)))
    changed = 0
    for row in rows:
        row.person = f"{ERASED}-{row.role}"
        row.answers = {
            k: (ERASED_TEXT if k in free_text and v else v) for k, v in row.answers.items()
        }
        changed += 1
    return changed


async def _cancel_jobs(db: AsyncSession, ids: list[int], at: datetime) -> int:
    open_ = (JobStatus.PENDING.value, JobStatus.IN_FLIGHT.value)
    statement = (
        update(JobRow)
        .where(JobRow.subject.in_([f"pairing:{i}" for i in ids]), JobRow.status.in_(open_))
        .values(
            status=JobStatus.CANCELLED.value,
            last_error=END_REASON,
            lease_owner=None,
            lease_until=None,
            updated_at=at,
        )
    )
    return _rowcount(await db.execute(statement))


async def _delete_people_rows(
    db: AsyncSession, cohort_id: int, leaving: list[str]
) -> dict[str, int]:
    statements: list[tuple[str, Any]] = [
        # Requests after the pairings stopped pointing at them (flushed by the caller).
        (
            "mentor_requests",
            delete(MentorRequestRow).where(MentorRequestRow.cohort_id == cohort_id),
        ),
        ("journal_entries", delete(JournalEntryRow).where(JournalEntryRow.author.in_(leaving))),
        (
            "conversation_references",
            delete(ConversationRow).where(
                ConversationRow.user_aad_id.in_(leaving),
                ConversationRow.scope == Scope.PERSONAL.value,
            ),
        ),
        ("people", delete(PersonRow).where(PersonRow.aad_object_id.in_(leaving))),
    ]
    return {table: _rowcount(await db.execute(s)) for table, s in statements}


def _rowcount(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)
