"""Erasing a cohort's personal data (SQLite and PostgreSQL): exactly that cohort's rows are
deleted or anonymised, another cohort and a person who stays in it keep everything, a second
run touches nothing, and a failure midway leaves everything as it was."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from teams_app.domain.admin_cases import AdminCase, CaseCategory, CaseKind
from teams_app.domain.agreement import AgreementItem
from teams_app.domain.applications import Application, ApplicationStatus
from teams_app.domain.audit import AuditEntry
from teams_app.domain.calendar import BookedMeeting
from teams_app.domain.conversations import ConversationRecord, Scope
from teams_app.domain.pairing import MentorRequest, SuggestedMentor, Suggestions
from teams_app.domain.people import Person
from teams_app.domain.programme import Role
from teams_app.domain.sessions import Session, transaction_id
from teams_app.domain.survey import SurveyResponse
from teams_app.storage.cipher import AnswerCipher, generate_key
from teams_app.storage.local_calendar import LocalCalendar
from teams_app.storage.migrate import upgrade
from teams_app.storage.retention_rows import ERASED_TEXT
from teams_app.storage.sql_store import SqlStore
from tests.integration.storage.table_counts import TABLES, row_counts

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LATER = T0 + timedelta(days=400)


class FixedClock:
    """The local calendar's clock."""

    def now(self) -> datetime:
        """Always T0."""
        return T0


@dataclass(frozen=True)
class Seeded:
    """One cohort's records: its id, its pairing, the people only in it."""

    cohort_id: int
    pairing_id: int
    people: tuple[str, ...]
    case_id: int


@pytest.fixture
async def keyed(database_url: str) -> AsyncIterator[SqlStore]:
    await upgrade(database_url)
    opened = SqlStore.open(database_url, cipher=AnswerCipher([generate_key()]))
    yield opened
    await opened.close()


async def seed(store: SqlStore, edition: str, stays: str) -> Seeded:
    """A cohort with every kind of personal record; `stays` also takes part in it."""
    cohort = await store.ensure_cohort("iom", edition)
    mentee, mentor, applicant = (f"{edition}-mentee", f"{edition}-mentor", f"{edition}-x")
    for person in (mentee, mentor, applicant, stays):
        await store.upsert_person(Person(person, f"{person}@un.org", person.title()))
        await store.save_conversation(_chat(person))
    answers = {"goals": "leadership"}
    for person, role in ((mentee, "mentee"), (mentor, "mentor"), (applicant, "mentee")):
        await store.save_application(
            Application(
                cohort.id,
                person,
                role,
                ApplicationStatus.SUBMITTED,
                answers=answers,
                confidential={"gender": "woman"},
            )
        )
    await store.save_application(Application(cohort.id, stays, "mentor", answers=answers))
    await store.save_suggestions(
        Suggestions(cohort.id, mentee, (SuggestedMentor(mentor, 0.9, ("both lead teams",)),))
    )
    request = await store.add_request(
        MentorRequest(cohort.id, mentee, mentor, T0 + timedelta(days=7), T0, message="Hello!")
    )
    assert request.id is not None
    _, pairing = await store.accept_request(request.id, request.version, T0, 1, 1)
    assert pairing.id is not None
    case_id = await _pair_records(store, pairing.id, mentee, mentor)
    return Seeded(cohort.id, pairing.id, (mentee, mentor, applicant), case_id)


async def _pair_records(store: SqlStore, pairing_id: int, mentee: str, mentor: str) -> int:
    start = T0 + timedelta(days=3)
    tx = transaction_id(pairing_id, "card", start)
    claimed, _ = await store.claim_session(
        Session(pairing_id, start, start + timedelta(hours=1), mentee, mentee, tx)
    )
    assert claimed.id is not None
    meeting = BookedMeeting("event-1", "https://teams.example/join")
    await store.confirm_session(claimed.id, claimed.version, meeting, ("Africa/Dakar", "UTC"))
    calendar = LocalCalendar(store.engine, FixedClock(), "http://127.0.0.1")
    await calendar.create_event(
        organizer=f"{mentee}@un.org",
        attendees=[f"{mentee}@un.org", f"{mentor}@un.org"],
        subject="Mentoring session",
        body_html="<p>Agenda</p>",
        start=start,
        end=start + timedelta(hours=1),
        time_zone="UTC",
        transaction_id=tx,
    )
    await store.record_contact(pairing_id, T0, "confirmed", recorded_by=mentee)
    await store.add_agreement_item(AgreementItem(pairing_id, "Lead", "Shadow a manager"), mentee)
    await store.add_journal_entry(mentee, "What I learnt")
    for person, role in ((mentee, Role.MENTEE), (mentor, Role.MENTOR)):
        answers = {"useful": "5", "comments": "My mentor was kind"}
        await store.save_survey_response(SurveyResponse("iom", pairing_id, person, role, answers))
    cohort_id = (await store.get_pairing(pairing_id)).cohort_id  # type: ignore[union-attr]
    case = AdminCase(
        cohort_id, CaseKind.REMATCH, pairing_id, mentee, T0, CaseCategory.OTHER, "A secret note"
    )
    opened = await store.open_case(case)
    await store.schedule_job(
        "follow-up", f"follow-up:pairing:{pairing_id}:x", f"pairing:{pairing_id}", LATER
    )
    for subject, detail in (
        (f"case:{opened.id}", {"reason": f"the note of {mentee}", "category": "other"}),
        (f"person:{mentee}@un.org", {"reason": "looked them up"}),
        (f"pairing:{pairing_id}", {}),
    ):
        await store.append_audit(AuditEntry(T0, "aad-admin", "confidential.read", subject, detail))
    assert opened.id is not None
    return opened.id


def _chat(person: str) -> ConversationRecord:
    return ConversationRecord(
        f"a:{person}",
        Scope.PERSONAL,
        "tenant",
        person,
        None,
        "https://smba.example",
        {"user": person},
    )


async def rows(store: SqlStore, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    async with store.engine.connect() as db:
        return [tuple(r) for r in await db.execute(text(sql), params)]


async def test_erasing_a_cohort_removes_exactly_its_personal_data(keyed: SqlStore) -> None:
    store = keyed
    first = await seed(store, "2026", stays="both-cohorts")
    other = await seed(store, "2027", stays="both-cohorts")
    before = await row_counts(store)

    erasure = await store.erase_cohort_personal_data(first.cohort_id, LATER, {"comments"})

    after = await row_counts(store)
    removed = {t: before[t] - after[t] for t in TABLES if before[t] != after[t]}
    assert removed == {
        "applications": 4,
        "suggestions": 1,
        "mentor_requests": 1,
        "admin_cases": 1,
        "agreement_items": 1,
        "agreement_history": 1,
        "local_calendar_events": 1,
        "journal_entries": 1,  # the mentee's; the mentor wrote none
        "conversation_references": 3,
        "people": 3,  # "both-cohorts" stays: the 2027 cohort still holds their application
        "audit_log": -1,  # one entry more: the erasure itself
    }
    assert dict(erasure.counts)["pairings"] == 1 and not erasure.already
    assert await store.get_person("both-cohorts") is not None
    assert await store.get_person(other.people[0]) is not None
    assert len(await store.list_applications(other.cohort_id, Role.MENTEE)) == 2


async def test_what_is_kept_for_counting_names_nobody(keyed: SqlStore) -> None:
    store = keyed
    first = await seed(store, "2026", stays="both-cohorts")
    other = await seed(store, "2027", stays="both-cohorts")

    await store.erase_cohort_personal_data(first.cohort_id, LATER, {"comments"})

    pairing = await store.get_pairing(first.pairing_id)
    assert pairing is not None and pairing.request_id is None
    assert pairing.mentee.startswith("erased-") and pairing.mentor.startswith("erased-")
    assert pairing.mentee != pairing.mentor
    sessions = await rows(
        store,
        "SELECT organizer, booked_by, join_url, event_id FROM sessions WHERE pairing_id = :p",
        p=first.pairing_id,
    )
    assert sessions == [("erased", "erased", None, None)]
    answers = await rows(
        store,
        "SELECT person, answers FROM survey_answers WHERE pairing_id = :p",
        p=first.pairing_id,
    )
    assert sorted(person for person, _ in answers) == ["erased-mentee", "erased-mentor"]
    assert all(ERASED_TEXT in str(a) and "kind" not in str(a) for _, a in answers)
    assert len(await store.survey_answer_sets("iom")) == 4  # the aggregate keeps its counts
    contacts = await rows(
        store, "SELECT recorded_by FROM pair_contacts WHERE pairing_id = :p", p=first.pairing_id
    )
    assert contacts == [(None,)]
    jobs = await rows(
        store, "SELECT status FROM jobs WHERE subject = :s", s=f"pairing:{first.pairing_id}"
    )
    assert jobs == [("cancelled",)]
    audit = " ".join(str(r) for r in await rows(store, "SELECT subject, detail FROM audit_log"))
    assert "2026-mentee" not in audit
    (case_detail,) = await rows(
        store, "SELECT detail FROM audit_log WHERE subject = :s", s=f"case:{first.case_id}"
    )
    assert "other" not in str(case_detail) and "[erased]" in str(case_detail)
    assert "the note of 2027-mentee" in audit  # the other cohort's entries are untouched
    kept = await store.get_pairing(other.pairing_id)
    assert kept is not None and kept.mentee == "2027-mentee"
    cohort = await store.get_cohort(first.cohort_id)
    assert cohort is not None and cohort.personal_data_deleted_at == LATER


async def test_erasing_twice_touches_nothing_the_second_time(keyed: SqlStore) -> None:
    first = await seed(keyed, "2026", stays="both-cohorts")
    await keyed.erase_cohort_personal_data(first.cohort_id, LATER)
    before = await row_counts(keyed)

    again = await keyed.erase_cohort_personal_data(first.cohort_id, LATER + timedelta(days=1))

    assert again.already and await row_counts(keyed) == before
    cohort = await keyed.get_cohort(first.cohort_id)
    assert cohort is not None and cohort.personal_data_deleted_at == LATER


async def test_a_failure_midway_leaves_everything_as_it_was(
    keyed: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = await seed(keyed, "2026", stays="both-cohorts")
    before = await row_counts(keyed)

    async def crash(*_: object) -> int:
        raise RuntimeError("the process died here")

    # The sessions are anonymised after applications, cases and agreements were deleted.
    monkeypatch.setattr("teams_app.storage.retention_rows._anonymise_sessions", crash)
    with pytest.raises(RuntimeError):
        await keyed.erase_cohort_personal_data(first.cohort_id, LATER)

    assert await row_counts(keyed) == before
    cohort = await keyed.get_cohort(first.cohort_id)
    assert cohort is not None and cohort.personal_data_deleted_at is None
