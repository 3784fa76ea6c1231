"""What the Graph double is seeded with (people, working hours, busy time) and the
Graph-shaped errors it answers."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Any

from tests.doubles.graph_time import graph_timestamp
from tests.doubles.loopback_server import DoubleError, ScriptedResponse

Json = dict[str, Any]
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday")


@dataclass(frozen=True)
class WorkingHours:
    """A mailbox's working hours; `time_zone` is a Windows or IANA name."""

    days: tuple[str, ...] = WEEKDAYS
    start: time = time(9)
    end: time = time(17)
    time_zone: str = "UTC"

    def as_graph(self) -> Json:
        """The workingHours object of mailboxSettings and scheduleInformation."""
        return {
            "daysOfWeek": list(self.days),
            "startTime": self.start.strftime("%H:%M:%S") + ".0000000",
            "endTime": self.end.strftime("%H:%M:%S") + ".0000000",
            "timeZone": {"name": self.time_zone},
        }


@dataclass(frozen=True)
class BusyItem:
    """Seeded calendar time; status is free, tentative, busy, oof or workingElsewhere."""

    start: datetime
    end: datetime
    status: str = "busy"
    subject: str = "Busy"

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("busy items take timezone-aware datetimes")


@dataclass
class GraphUser:
    """A person in the directory with a mailbox."""

    id: str
    user_principal_name: str
    display_name: str
    mail: str | None = None
    time_zone: str = "UTC"
    working_hours: WorkingHours | None = None
    busy: list[BusyItem] = field(default_factory=list)

    def hours(self) -> WorkingHours:
        """Working hours, by default Monday to Friday 09:00-17:00 in the mailbox's zone."""
        return self.working_hours or WorkingHours(time_zone=self.time_zone)

    def addresses(self) -> set[str]:
        """The lower-cased names this user answers to (UPN and mail)."""
        return {a.lower() for a in (self.user_principal_name, self.mail) if a}

    def email(self) -> str:
        """The SMTP address Graph uses in schedules and attendee lists."""
        return self.mail or self.user_principal_name

    def as_graph(self, base_url: str) -> Json:
        """The user resource."""
        given, _, surname = self.display_name.partition(" ")
        return {
            "@odata.context": f"{base_url}/$metadata#users/$entity",
            "id": self.id,
            "userPrincipalName": self.user_principal_name,
            "displayName": self.display_name,
            "givenName": given,
            "surname": surname or None,
            "mail": self.mail,
            "businessPhones": [],
            "jobTitle": None,
            "mobilePhone": None,
            "officeLocation": None,
            "preferredLanguage": "en-US",
        }

    def mailbox_settings(self, base_url: str) -> Json:
        """The mailboxSettings resource."""
        return {
            "@odata.context": f"{base_url}/$metadata#users('{self.id}')/mailboxSettings",
            "timeZone": self.time_zone,
            "workingHours": self.hours().as_graph(),
            "language": {"locale": "en-US", "displayName": "English (United States)"},
            "dateFormat": "yyyy-MM-dd",
            "timeFormat": "HH:mm",
            "userPurpose": "user",
            "delegateMeetingMessageDeliveryOptions": "sendToDelegateOnly",
            "automaticRepliesSetting": {"status": "disabled"},
        }


def error_body(code: str, message: str) -> Json:
    """Graph's error body: code, message and an innerError with request ids."""
    return {
        "error": {
            "code": code,
            "message": message,
            "innerError": {
                "date": graph_timestamp(datetime.now(UTC)).split(".")[0],
                "request-id": str(uuid.uuid4()),
                "client-request-id": str(uuid.uuid4()),
            },
        }
    }


class GraphError(DoubleError):
    """Raised by the Graph double's handlers; answered as a Graph error."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(status, error_body(code, message))
        self.code = code


def graph_error(
    status: int,
    code: str | None = None,
    message: str = "",
    *,
    retry_after: float | None = None,
    takes_effect: bool = False,
) -> ScriptedResponse:
    """A scripted Graph error, e.g. graph_error(403, "Authorization_RequestDenied")."""
    default_codes = {
        403: "Authorization_RequestDenied",
        404: "ErrorItemNotFound",
        429: "TooManyRequests",
        503: "ServiceNotAvailable",
        504: "GatewayTimeout",
    }
    chosen = code or default_codes.get(status, "UnknownError")
    headers = {"Retry-After": f"{retry_after:g}"} if retry_after is not None else {}
    return ScriptedResponse(
        status=status,
        body=error_body(chosen, message or f"scripted {status} {chosen}"),
        headers=headers,
        takes_effect=takes_effect,
    )
