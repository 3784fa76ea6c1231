"""The Calendar port on Microsoft Graph: getSchedule for free/busy (findMeetingTimes is
delegated-only) and Teams meetings as events on the organiser's calendar."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from kiota_abstractions.base_request_configuration import RequestConfiguration
from msgraph.generated.models.attendee import Attendee
from msgraph.generated.models.attendee_type import AttendeeType
from msgraph.generated.models.body_type import BodyType
from msgraph.generated.models.date_time_time_zone import DateTimeTimeZone
from msgraph.generated.models.email_address import EmailAddress
from msgraph.generated.models.event import Event
from msgraph.generated.models.free_busy_status import FreeBusyStatus
from msgraph.generated.models.item_body import ItemBody
from msgraph.generated.models.online_meeting_provider_type import OnlineMeetingProviderType
from msgraph.generated.models.schedule_information import ScheduleInformation
from msgraph.generated.users.item.calendar.get_schedule.get_schedule_post_request_body import (
    GetSchedulePostRequestBody,
)
from msgraph.generated.users.item.events.item.cancel.cancel_post_request_body import (
    CancelPostRequestBody,
)
from msgraph.graph_service_client import GraphServiceClient

from graph.directory import working_hours
from graph.errors import graph_call
from graph.permissions import CALENDARS_READ_WRITE
from graph.time_zones import iana_name
from teams_app.domain.calendar import (
    BookedMeeting,
    CalendarError,
    CalendarItemMissing,
    FreeBusy,
    TimeSpan,
)

# Time that keeps a person from a session; "free" and "workingElsewhere" do not.
BLOCKING = frozenset({FreeBusyStatus.Busy, FreeBusyStatus.Oof, FreeBusyStatus.Tentative})


class GraphCalendar:
    """Free/busy and online meetings, app-only (Calendars.ReadWrite)."""

    def __init__(self, client: GraphServiceClient, interval_minutes: int = 30) -> None:
        self._client = client
        self._interval = interval_minutes

    async def free_busy(
        self, requester: str, addresses: Sequence[str], start: datetime, end: datetime
    ) -> Sequence[FreeBusy]:
        """Busy time of each address in [start, end), in the order asked, read as `requester`."""
        body = GetSchedulePostRequestBody(
            schedules=list(addresses),
            start_time=_graph_time(start, "UTC"),
            end_time=_graph_time(end, "UTC"),
            availability_view_interval=self._interval,
        )
        config: RequestConfiguration[Any] = RequestConfiguration()
        config.headers.add("Prefer", 'outlook.timezone="UTC"')
        schedule = self._client.users.by_user_id(requester).calendar.get_schedule
        answer = await graph_call(CALENDARS_READ_WRITE, schedule.post(body, config))
        found = {(info.schedule_id or "").lower(): info for info in (answer and answer.value) or []}
        return [_free_busy(address, found.get(address.lower())) for address in addresses]

    async def create_event(
        self,
        *,
        organizer: str,
        attendees: Sequence[str],
        subject: str,
        body_html: str,
        start: datetime,
        end: datetime,
        time_zone: str,
        transaction_id: str,
    ) -> BookedMeeting:
        """An online Teams meeting on the organiser's calendar; one per `transaction_id`."""
        event = Event(
            subject=subject,
            body=ItemBody(content_type=BodyType.Html, content=body_html),
            start=_graph_time(start, time_zone),
            end=_graph_time(end, time_zone),
            attendees=[
                Attendee(email_address=EmailAddress(address=a), type=AttendeeType.Required)
                for a in attendees
            ],
            is_online_meeting=True,
            online_meeting_provider=OnlineMeetingProviderType.TeamsForBusiness,
            transaction_id=transaction_id,
        )
        events = self._client.users.by_user_id(organizer).events
        created = await graph_call(CALENDARS_READ_WRITE, events.post(event))
        if created is None or not created.id:
            raise CalendarError("Microsoft Graph created the event without an id")
        join_url = created.online_meeting.join_url if created.online_meeting else None
        return BookedMeeting(event_id=created.id, join_url=join_url)

    async def update_event(
        self, organizer: str, event_id: str, start: datetime, end: datetime, time_zone: str
    ) -> None:
        """Move a meeting; attendees get the updated invitation."""
        change = Event(start=_graph_time(start, time_zone), end=_graph_time(end, time_zone))
        event = self._client.users.by_user_id(organizer).events.by_event_id(event_id)
        await graph_call(CALENDARS_READ_WRITE, event.patch(change))

    async def cancel_event(self, organizer: str, event_id: str, comment: str) -> None:
        """Cancel a meeting, sending attendees the comment."""
        event = self._client.users.by_user_id(organizer).events.by_event_id(event_id)
        body = CancelPostRequestBody(comment=comment)
        await graph_call(CALENDARS_READ_WRITE, event.cancel.post(body))


def _graph_time(moment: datetime, zone_name: str) -> DateTimeTimeZone:
    if moment.tzinfo is None:
        raise ValueError("calendar times must be timezone-aware")
    local = moment.astimezone(ZoneInfo(zone_name)).replace(tzinfo=None)
    return DateTimeTimeZone(date_time=local.isoformat(timespec="seconds"), time_zone=zone_name)


def _free_busy(address: str, info: ScheduleInformation | None) -> FreeBusy:
    if info is None or info.error is not None:
        raise CalendarItemMissing("Microsoft Graph has no schedule for one of the people")
    busy = []
    for item in info.schedule_items or []:
        if item.status in BLOCKING and item.start and item.end:
            busy.append(TimeSpan(_parse_time(item.start), _parse_time(item.end)))
    hours = working_hours(info.working_hours, None)
    return FreeBusy(address=address, busy=tuple(busy), working_hours=hours)


def _parse_time(value: DateTimeTimeZone) -> datetime:
    # Graph writes seven fractional digits ("2026-03-02T10:00:00.0000000"); keep six.
    text = value.date_time or ""
    whole, _, fraction = text.partition(".")
    moment = datetime.fromisoformat(f"{whole}.{fraction[:6]}" if fraction else whole)
    zone = iana_name(value.time_zone) or "UTC"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(zone))
    return moment.astimezone(UTC)
