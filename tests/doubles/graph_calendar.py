"""Calendars in the Graph double: checking event bodies, keeping events, and free/busy
(getSchedule) computed from seeded busy items and the events created through the double."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from tests.doubles.graph_model import BusyItem, GraphError, GraphUser, Json
from tests.doubles.graph_time import format_date_time_zone, graph_timestamp, parse_date_time_zone

ATTENDEE_TYPES = {"required", "optional", "resource"}
MEETING_PROVIDERS = {"unknown", "skypeForBusiness", "skypeForConsumer", "teamsForBusiness"}
SHOW_AS = {"free": "0", "tentative": "1", "busy": "2", "oof": "3", "workingElsewhere": "4"}
# When items overlap in one slot the strongest status is shown.
_STRENGTH = {"free": 0, "workingElsewhere": 1, "tentative": 2, "busy": 3, "oof": 4}
_COUNTER = itertools.count(1)


@dataclass
class StoredEvent:
    """An event on an organiser's calendar; `body` is what was posted, patched over."""

    id: str
    owner_id: str
    body: Json
    start: datetime
    end: datetime
    created: datetime
    modified: datetime
    join_url: str | None
    change: int = 1
    cancelled: bool = False
    cancel_comment: str | None = None
    history: list[Json] = field(default_factory=list)

    def attendee_addresses(self) -> set[str]:
        """Lower-cased attendee addresses."""
        return {str(a["emailAddress"]["address"]).lower() for a in self.body.get("attendees") or []}

    def as_busy_item(self) -> BusyItem:
        """How the event shows in free/busy."""
        status = str(self.body.get("showAs") or "busy")
        return BusyItem(self.start, self.end, status, str(self.body.get("subject") or ""))


def check_event(body: Any, *, partial: bool) -> tuple[datetime | None, datetime | None]:
    """Checks an event body like Graph would (stricter on subject); returns start and end."""
    if not isinstance(body, dict):
        raise GraphError(400, "ErrorInvalidRequest", "The request body must be an event object.")
    problems: list[str] = []
    subject = body.get("subject")
    if (not partial or "subject" in body) and not (isinstance(subject, str) and subject.strip()):
        problems.append("subject must be a non-empty string")
    start = _moment(body, "start", partial, problems)
    end = _moment(body, "end", partial, problems)
    if start and end and end <= start:
        problems.append("end must be after start")
    problems.extend(_attendee_problems(body.get("attendees")))
    problems.extend(_meeting_problems(body))
    if problems:
        raise GraphError(400, "ErrorInvalidRequest", "; ".join(problems))
    return start, end


def _moment(body: Json, key: str, partial: bool, problems: list[str]) -> datetime | None:
    if partial and key not in body:
        return None
    try:
        return parse_date_time_zone(body.get(key))
    except ValueError as error:
        problems.append(f"{key}: {error}")
        return None


def _attendee_problems(attendees: Any) -> list[str]:
    if attendees is None:
        return []
    if not isinstance(attendees, list):
        return ["attendees must be a list"]
    problems = []
    for index, attendee in enumerate(attendees):
        email = attendee.get("emailAddress") if isinstance(attendee, dict) else None
        address = email.get("address") if isinstance(email, dict) else None
        if not isinstance(address, str) or "@" not in address:
            problems.append(f"attendees[{index}].emailAddress.address must be an address")
        kind = attendee.get("type", "required") if isinstance(attendee, dict) else None
        if not isinstance(kind, str) or kind.lower() not in ATTENDEE_TYPES:
            problems.append(f"attendees[{index}].type must be one of {sorted(ATTENDEE_TYPES)}")
    return problems


def _meeting_problems(body: Json) -> list[str]:
    problems = []
    if "isOnlineMeeting" in body and not isinstance(body["isOnlineMeeting"], bool):
        problems.append("isOnlineMeeting must be a boolean")
    provider = body.get("onlineMeetingProvider")
    if provider is not None and provider not in MEETING_PROVIDERS:
        problems.append(f"onlineMeetingProvider must be one of {sorted(MEETING_PROVIDERS)}")
    if "transactionId" in body and not isinstance(body["transactionId"], str):
        problems.append("transactionId must be a string")
    return problems


def new_event(owner_id: str, body: Json, start: datetime, end: datetime) -> StoredEvent:
    """A stored event for a checked body, with a Teams join link when it is online."""
    number = next(_COUNTER)
    now = datetime.now(UTC)
    return StoredEvent(
        id=f"AAMkAD-double-{number:06d}=",
        owner_id=owner_id,
        body=dict(body),
        start=start,
        end=end,
        created=now,
        modified=now,
        join_url=teams_join_url() if body.get("isOnlineMeeting") else None,
    )


def teams_join_url() -> str:
    """A join link shaped like the ones Teams puts on online meetings."""
    return f"https://teams.microsoft.com/l/meetup-join/19%3ameeting_double{next(_COUNTER):08d}%40thread.v2/0"


def render_event(event: StoredEvent, owner: GraphUser, zone_name: str, base_url: str) -> Json:
    """The event resource, with start and end in `zone_name`."""
    body = event.body
    provider = body.get("onlineMeetingProvider") or (
        "teamsForBusiness" if event.join_url else "unknown"
    )
    return {
        "@odata.context": f"{base_url}/$metadata#users('{owner.id}')/events/$entity",
        "@odata.etag": f'W/"change-{event.change}"',
        "id": event.id,
        "createdDateTime": graph_timestamp(event.created),
        "lastModifiedDateTime": graph_timestamp(event.modified),
        "changeKey": f"change-{event.change}",
        "transactionId": body.get("transactionId"),
        "subject": body.get("subject"),
        "body": body.get("body") or {"contentType": "text", "content": ""},
        "start": format_date_time_zone(event.start, zone_name),
        "end": format_date_time_zone(event.end, zone_name),
        "originalStartTimeZone": body.get("start", {}).get("timeZone"),
        "originalEndTimeZone": body.get("end", {}).get("timeZone"),
        "attendees": [_attendee(a) for a in body.get("attendees") or []],
        "organizer": {"emailAddress": {"name": owner.display_name, "address": owner.email()}},
        "isOrganizer": True,
        "isCancelled": event.cancelled,
        "isOnlineMeeting": bool(event.join_url),
        "onlineMeetingProvider": provider,
        "onlineMeeting": {"joinUrl": event.join_url} if event.join_url else None,
        "showAs": body.get("showAs") or "busy",
        "type": "singleInstance",
        "iCalUId": f"040000008200E00074C5B7101A82E008-{event.id}",
        "webLink": f"https://outlook.office365.com/owa/?itemid={event.id}&path=/calendar/item",
        "responseStatus": {"response": "organizer", "time": "0001-01-01T00:00:00Z"},
    }


def _attendee(attendee: Json) -> Json:
    return {
        "type": str(attendee.get("type", "required")).lower(),
        "status": {"response": "none", "time": "0001-01-01T00:00:00Z"},
        "emailAddress": attendee["emailAddress"],
    }


def schedule_information(
    user: GraphUser,
    items: Iterable[BusyItem],
    window: tuple[datetime, datetime],
    interval_minutes: int,
    zone_name: str,
) -> Json:
    """One scheduleInformation: items overlapping the window and the availabilityView."""
    start, end = window
    inside = sorted((i for i in items if i.start < end and i.end > start), key=lambda i: i.start)
    return {
        "scheduleId": user.email(),
        "availabilityView": availability_view(inside, start, end, interval_minutes),
        "scheduleItems": [
            {
                "isPrivate": False,
                "status": item.status,
                "subject": item.subject,
                "location": "",
                "start": format_date_time_zone(item.start, zone_name),
                "end": format_date_time_zone(item.end, zone_name),
            }
            for item in inside
        ],
        "workingHours": user.hours().as_graph(),
    }


def availability_view(
    items: Iterable[BusyItem], start: datetime, end: datetime, interval_minutes: int
) -> str:
    """One digit per slot: 0 free, 1 tentative, 2 busy, 3 out of office, 4 elsewhere."""
    step = timedelta(minutes=interval_minutes)
    slots = math.ceil((end - start) / step)
    known = list(items)
    view = []
    for index in range(slots):
        slot_start, slot_end = start + index * step, start + (index + 1) * step
        overlapping = [i.status for i in known if i.start < slot_end and i.end > slot_start]
        strongest = max(overlapping, key=lambda s: _STRENGTH.get(s, 0), default="free")
        view.append(SHOW_AS.get(strongest, "0"))
    return "".join(view)


def unknown_schedule(address: str) -> Json:
    """The scheduleInformation Graph gives for an address it cannot resolve."""
    return {
        "scheduleId": address,
        "availabilityView": "",
        "scheduleItems": [],
        "error": {
            "message": f"The recipient {address} could not be resolved.",
            "responseCode": "ErrorMailRecipientNotFound",
        },
    }
