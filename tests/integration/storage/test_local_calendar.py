"""The local development calendar on SQLite and PostgreSQL: one event per transaction, busy
time per attendee, moves and cancellations, people from the people table."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from teams_app.clock import SystemClock
from teams_app.domain.calendar import BookedMeeting, CalendarItemMissing, TimeSpan
from teams_app.domain.people import Person
from teams_app.storage.local_calendar import LocalCalendar
from teams_app.storage.sql_store import SqlStore

START = datetime(2026, 3, 3, 14, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
ANA = Person("aad-ana", "ana@example.org", "Ana Lopez", time_zone="Africa/Dakar")
MO = Person("aad-mo", "mo@example.org", "Mo Chen", time_zone="Asia/Bangkok")


async def calendar_of(store: SqlStore) -> LocalCalendar:
    for person in (ANA, MO):
        await store.upsert_person(person)
    return LocalCalendar(store.engine, SystemClock(), "http://127.0.0.1:3978/")


async def book(calendar: LocalCalendar, tx: str = "tx-1", start: datetime = START) -> BookedMeeting:
    return await calendar.create_event(
        organizer=ANA.aad_object_id,
        attendees=["Ana@Example.org", MO.email],
        subject="Mentoring session",
        body_html="<p>Agenda</p>",
        start=start,
        end=start + HOUR,
        time_zone="Africa/Dakar",
        transaction_id=tx,
    )


async def test_the_same_transaction_makes_one_event_with_a_labelled_dev_link(
    store: SqlStore,
) -> None:
    calendar = await calendar_of(store)

    first = await book(calendar)
    again = await book(calendar)
    other = await book(calendar, "tx-2", START + 24 * HOUR)

    assert first == again != other
    assert first.dev_link is True and first.join_url is not None
    assert first.join_url.startswith("http://127.0.0.1:3978/dev/meetings/")


async def test_busy_time_is_each_attendees_live_events(store: SqlStore) -> None:
    calendar = await calendar_of(store)
    booked = await book(calendar)
    await book(calendar, "tx-2", START + 24 * HOUR)
    window = (START - HOUR, START + 12 * HOUR)

    ana, mo, stranger = await calendar.free_busy(
        ANA.aad_object_id, [ANA.email, MO.email, "zoe@example.org"], *window
    )

    assert ana.busy == mo.busy == (TimeSpan(START, START + HOUR),)
    assert stranger.busy == ()
    await calendar.cancel_event(ANA.aad_object_id, booked.event_id, "Unwell")
    (after,) = await calendar.free_busy(ANA.aad_object_id, [ANA.email], *window)
    assert after.busy == ()


async def test_an_event_moves_and_only_its_organiser_can_change_it(store: SqlStore) -> None:
    calendar = await calendar_of(store)
    event_id = (await book(calendar)).event_id
    later = START + 3 * HOUR

    await calendar.update_event(ANA.aad_object_id, event_id, later, later + HOUR, "UTC")

    (ana,) = await calendar.free_busy(ANA.aad_object_id, [ANA.email], START, START + 12 * HOUR)
    assert ana.busy == (TimeSpan(later, later + HOUR),)
    with pytest.raises(CalendarItemMissing):
        await calendar.update_event(MO.aad_object_id, event_id, START, START + HOUR, "UTC")
    with pytest.raises(CalendarItemMissing):
        await calendar.cancel_event(ANA.aad_object_id, "999", "")


async def test_people_and_their_hr_time_zone_come_from_the_people_table(store: SqlStore) -> None:
    calendar = await calendar_of(store)

    by_mail = await calendar.person("mo@example.org")
    settings = await calendar.mailbox_settings(MO.aad_object_id)

    assert by_mail is not None and by_mail.id == MO.aad_object_id
    assert settings.time_zone == "Asia/Bangkok" and settings.working_hours is None
    assert await calendar.person("nobody@example.org") is None
    with pytest.raises(CalendarItemMissing):
        await calendar.mailbox_settings("nobody")
