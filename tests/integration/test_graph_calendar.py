"""graph/ adapters on the real GraphServiceClient against the Graph double on loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, time, timedelta

import httpx
import pytest

from graph.calendar import GraphCalendar
from graph.client import RetryPolicy, graph_client_at
from graph.directory import GraphDirectory
from teams_app.domain.calendar import (
    CalendarItemMissing,
    CalendarUnavailable,
    PermissionMissing,
    TimeSpan,
)
from teams_app.domain.free_time import SlotRequest, find_offers
from teams_app.domain.working_hours import WorkingHours
from tests.doubles.graph import GraphDouble
from tests.doubles.graph_model import BusyItem, GraphUser, graph_error
from tests.doubles.graph_model import WorkingHours as DoubleHours

MONDAY = datetime(2026, 3, 2, tzinfo=UTC)
ANA = GraphUser(
    "u-ana",
    "ana@contoso.test",
    "Ana Lopez",
    mail="ana@contoso.test",
    time_zone="GMT Standard Time",
    busy=[BusyItem(MONDAY + timedelta(hours=10), MONDAY + timedelta(hours=11))],
)
BO = GraphUser(
    "u-bo",
    "bo.chen@contoso.test",
    "Bo Chen",
    mail="bo@contoso.test",
    time_zone="SE Asia Standard Time",
    working_hours=DoubleHours(
        days=("monday", "tuesday", "wednesday", "thursday"),
        start=time(8),
        end=time(18),
        time_zone="SE Asia Standard Time",
    ),
    busy=[
        BusyItem(MONDAY + timedelta(hours=9), MONDAY + timedelta(hours=10), "tentative"),
        BusyItem(MONDAY + timedelta(hours=5), MONDAY + timedelta(hours=6), "free"),
    ],
)
pytestmark = [
    pytest.mark.filterwarnings("ignore::DeprecationWarning:msgraph.*"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning:kiota_abstractions.*"),
]
FAST = RetryPolicy(max_retries=2, delay_seconds=0.0)


@pytest.fixture
async def graph() -> AsyncIterator[GraphDouble]:
    async with GraphDouble([ANA, BO]) as double:
        yield double


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with (
        httpx.AsyncHTTPTransport() as transport,
        httpx.AsyncClient(transport=transport) as raw,
    ):
        yield raw


@pytest.fixture
def calendar(graph: GraphDouble, http: httpx.AsyncClient) -> GraphCalendar:
    return GraphCalendar(graph_client_at(graph.url, http, retry=FAST))


@pytest.fixture
def directory(graph: GraphDouble, http: httpx.AsyncClient) -> GraphDirectory:
    return GraphDirectory(graph_client_at(graph.url, http, retry=FAST))


async def book(calendar: GraphCalendar, transaction_id: str = "pairing-7-session-1") -> object:
    return await calendar.create_event(
        organizer="u-ana",
        attendees=["ana@contoso.test", "bo@contoso.test"],
        subject="Tandem session: Ana and Bo",
        body_html="<p>Phase 1: expectations</p>",
        start=MONDAY + timedelta(days=1, hours=9),
        end=MONDAY + timedelta(days=1, hours=9, minutes=45),
        time_zone="Europe/London",
        transaction_id=transaction_id,
    )


async def test_person_is_found_by_upn_or_id_and_a_stranger_is_none(
    directory: GraphDirectory,
) -> None:
    by_upn = await directory.person("bo.chen@contoso.test")
    by_id = await directory.person("u-bo")

    assert by_upn == by_id and by_upn is not None
    assert (by_upn.id, by_upn.mail, by_upn.display_name) == ("u-bo", "bo@contoso.test", "Bo Chen")
    assert await directory.person("nobody@contoso.test") is None


async def test_mailbox_settings_give_iana_zone_and_working_hours(
    directory: GraphDirectory,
) -> None:
    ana = await directory.mailbox_settings("u-ana")
    bo = await directory.mailbox_settings("u-bo")

    assert ana.time_zone == "Europe/London" and ana.working_hours == WorkingHours("Europe/London")
    assert bo.time_zone == "Asia/Bangkok" and bo.working_hours is not None
    assert bo.working_hours.days == frozenset({0, 1, 2, 3})
    assert (bo.working_hours.start, bo.working_hours.end) == (time(8), time(18))


async def test_schedule_gives_blocking_busy_time_in_utc_for_both(
    calendar: GraphCalendar, graph: GraphDouble
) -> None:
    ana, bo = await calendar.free_busy(
        "u-ana", ["ana@contoso.test", "BO@contoso.test"], MONDAY, MONDAY + timedelta(days=1)
    )

    assert ana.busy == (TimeSpan(MONDAY + timedelta(hours=10), MONDAY + timedelta(hours=11)),)
    # Bo's tentative hour blocks, his "free" item does not.
    assert bo.busy == (TimeSpan(MONDAY + timedelta(hours=9), MONDAY + timedelta(hours=10)),)
    assert bo.working_hours and bo.working_hours.time_zone == "Asia/Bangkok"
    (asked,) = graph.requests("POST", "/users/u-ana/calendar/getSchedule")
    assert asked.headers["Prefer"] == 'outlook.timezone="UTC"'


async def test_unknown_schedule_is_reported_missing(calendar: GraphCalendar) -> None:
    with pytest.raises(CalendarItemMissing):
        await calendar.free_busy("u-ana", ["ghost@contoso.test"], MONDAY, MONDAY + timedelta(1))


async def test_offers_from_graph_avoid_both_calendars(calendar: GraphCalendar) -> None:
    schedules = await calendar.free_busy(
        "u-ana", ["ana@contoso.test", "bo@contoso.test"], MONDAY, MONDAY + timedelta(days=14)
    )
    hours = [s.working_hours or WorkingHours("UTC") for s in schedules]
    busy = [span for s in schedules for span in s.busy]

    offers = find_offers(hours, busy, SlotRequest(now=MONDAY, length=timedelta(minutes=45)))

    # London 09–17 and Bangkok 08–18 (01–11 UTC) Monday–Thursday share 09:00–11:00 UTC.
    assert 3 <= len(offers.slots) <= 5
    assert all(s.start.hour in (9, 10) and s.start.weekday() < 4 for s in offers.slots)
    assert not any(s.overlaps(b) for s in offers.slots for b in busy)


async def test_throttled_booking_is_retried_and_makes_one_teams_meeting(
    calendar: GraphCalendar, graph: GraphDouble
) -> None:
    graph.script("POST", "/users/*/events", graph_error(429, retry_after=1))

    booked = await book(calendar)

    first, second = graph.requests("POST", "/users/u-ana/events")
    assert (first.status, second.status) == (429, 201)
    assert second.monotonic - first.monotonic >= 1
    (event,) = graph.events()
    assert booked == type(booked)(event_id=event["id"], join_url=event["onlineMeeting"]["joinUrl"])
    body = second.json
    assert {a["emailAddress"]["address"] for a in body["attendees"]} == {
        "ana@contoso.test",
        "bo@contoso.test",
    }
    assert body["isOnlineMeeting"] is True and body["onlineMeetingProvider"] == "teamsForBusiness"
    assert body["transactionId"] == "pairing-7-session-1" == first.json["transactionId"]
    assert body["start"] == {"dateTime": "2026-03-03T09:00:00", "timeZone": "Europe/London"}


async def test_lost_answer_and_second_click_still_make_one_meeting(
    calendar: GraphCalendar, graph: GraphDouble
) -> None:
    graph.script("POST", "/users/*/events", graph_error(504, retry_after=1, takes_effect=True))

    first = await book(calendar)
    again = await book(calendar)

    assert graph.posts_per_path()["/users/u-ana/events"] == 3
    assert len(graph.events()) == 1 and first == again


async def test_meeting_is_moved_then_cancelled_with_a_comment(
    calendar: GraphCalendar, graph: GraphDouble
) -> None:
    booked = await book(calendar)
    later = MONDAY + timedelta(days=2, hours=10)

    await calendar.update_event("u-ana", booked.event_id, later, later + timedelta(minutes=45),
                                "Asia/Bangkok")  # fmt: skip
    moved = graph.stored_events[0]
    await calendar.cancel_event("u-ana", booked.event_id, "Ana is unwell; let us pick again.")

    assert (moved.start, moved.end) == (later, later + timedelta(minutes=45))
    assert moved.body["start"]["timeZone"] == "Asia/Bangkok"
    assert graph.events() == [] and moved.cancel_comment == "Ana is unwell; let us pick again."
    with pytest.raises(CalendarItemMissing):
        await calendar.update_event("u-ana", "no-such-event", later, later + timedelta(hours=1),
                                    "UTC")  # fmt: skip


async def test_forbidden_booking_names_the_missing_permission(
    calendar: GraphCalendar, directory: GraphDirectory, graph: GraphDouble
) -> None:
    graph.script("POST", "/users/*/events", graph_error(403, "ErrorAccessDenied"))
    graph.script("GET", "/users/*/mailboxSettings", graph_error(403, "ErrorAccessDenied"))

    with pytest.raises(PermissionMissing) as denied:
        await book(calendar)
    with pytest.raises(PermissionMissing) as settings_denied:
        await directory.mailbox_settings("u-ana")

    assert denied.value.permission == "Calendars.ReadWrite"
    assert "Calendars.ReadWrite" in str(denied.value)
    assert settings_denied.value.permission == "MailboxSettings.Read"
    assert graph.count("POST", "/users/*/events") == 1 and graph.events() == []


async def test_graph_unavailable_after_retries_is_calendar_unavailable(
    calendar: GraphCalendar, graph: GraphDouble
) -> None:
    graph.script("POST", "/users/*/events", *[graph_error(503, retry_after=1)] * 3)

    with pytest.raises(CalendarUnavailable):
        await book(calendar)

    assert graph.count("POST", "/users/*/events") == 3 and graph.events() == []


async def test_unreachable_graph_is_calendar_unavailable(http: httpx.AsyncClient) -> None:
    async with GraphDouble([ANA]) as gone:
        url = gone.url
    calendar = GraphCalendar(graph_client_at(url, http, retry=FAST))

    with pytest.raises(CalendarUnavailable):
        await book(calendar)
