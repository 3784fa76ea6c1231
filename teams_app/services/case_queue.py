"""The rematch and conflict queue for the dashboard, and audited reads of a case's note."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from teams_app.domain.admin_cases import AdminCase
from teams_app.domain.audit import AuditEntry
from teams_app.services.admin_ports import CaseStore
from teams_app.services.ports import Clock

MAX_QUEUE = 50
MAX_REASON = 300


class NoteRefused(Exception):
    """The note cannot be read: the message says why."""


class CaseMissing(NoteRefused):
    """No case has this id."""


@dataclass(frozen=True)
class QueueEntry:
    """One case as the dashboard lists it (no note, no category)."""

    id: int
    kind: str
    pair: str
    opened_at: datetime
    status: str


@dataclass(frozen=True)
class CaseNote:
    """A case's confidential note, for an administrator who gave a reason."""

    id: int
    kind: str
    category: str
    requester: str
    note: str


async def case_queue(store: CaseStore, cohort_id: int) -> tuple[QueueEntry, ...]:
    """Waiting cases first (oldest first), then the most recently decided."""
    cases = await store.list_cases(cohort_id)
    waiting = [c for c in cases if c.status.waiting]
    decided = sorted((c for c in cases if not c.status.waiting), key=_decided_at, reverse=True)
    entries = []
    for case in (waiting + decided)[:MAX_QUEUE]:
        pairing = await store.get_pairing(case.pairing_id)
        pair = ""
        if pairing is not None:
            mentee, mentor = (
                await store.get_person(pairing.mentee),
                await store.get_person(pairing.mentor),
            )
            pair = f"{mentee.name if mentee else '?'} with {mentor.name if mentor else '?'}"
        status = case.status.value if case.outcome is None else case.outcome.value
        entries.append(QueueEntry(case.id or 0, case.kind.value, pair, case.opened_at, status))
    return tuple(entries)


async def read_note(
    store: CaseStore, clock: Clock, admin: str, case_id: int, reason: str
) -> CaseNote:
    """The note of a case, for an administrator (checked by the caller); audited with reason."""
    why = reason.strip()
    if not why or len(why) > MAX_REASON:
        raise NoteRefused(f"Say why you read it (1 to {MAX_REASON} characters).")
    case = await store.get_case(case_id)
    if case is None:
        raise CaseMissing("There is no such case.")
    await store.append_audit(
        AuditEntry(clock.now(), admin, "case.note_read", f"case:{case_id}", {"reason": why})
    )
    requester = await store.get_person(case.requester)
    return CaseNote(
        case_id,
        case.kind.value,
        case.category.label,
        requester.name if requester else case.requester,
        case.note,
    )


def _decided_at(case: AdminCase) -> datetime:
    return case.decided_at or case.opened_at
