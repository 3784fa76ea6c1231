"""Graph's dateTimeTimeZone values for the Graph double: parse them, write them in the time
zone a client prefers, and read the `Prefer: outlook.timezone` header."""

from __future__ import annotations

import re
from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Graph speaks Windows time zone names and also accepts IANA ones; these are the Windows
# names our tests and demo people use (from CLDR's windowsZones, "001" territory).
WINDOWS_TO_IANA = {
    "UTC": "UTC",
    "Coordinated Universal Time": "UTC",
    "GMT Standard Time": "Europe/London",
    "Greenwich Standard Time": "Atlantic/Reykjavik",
    "W. Europe Standard Time": "Europe/Berlin",
    "Romance Standard Time": "Europe/Paris",
    "Central Europe Standard Time": "Europe/Budapest",
    "E. Europe Standard Time": "Europe/Chisinau",
    "FLE Standard Time": "Europe/Kiev",
    "Eastern Standard Time": "America/New_York",
    "Central Standard Time": "America/Chicago",
    "Mountain Standard Time": "America/Denver",
    "Pacific Standard Time": "America/Los_Angeles",
    "India Standard Time": "Asia/Calcutta",
    "Singapore Standard Time": "Asia/Singapore",
    "China Standard Time": "Asia/Shanghai",
    "Tokyo Standard Time": "Asia/Tokyo",
    "AUS Eastern Standard Time": "Australia/Sydney",
    "New Zealand Standard Time": "Pacific/Auckland",
}
_PREFER = re.compile(r'outlook\.timezone\s*=\s*"?([^",;]+)"?', re.IGNORECASE)


class UnknownTimeZoneError(ValueError):
    """A time zone name neither Windows (from our table) nor IANA."""


def zone(name: str) -> tzinfo:
    """The tzinfo for a Windows or IANA time zone name."""
    try:
        return ZoneInfo(WINDOWS_TO_IANA.get(name, name))
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise UnknownTimeZoneError(f"time zone {name!r} is not supported") from error


def parse_date_time_zone(value: Any) -> datetime:
    """An aware datetime from {"dateTime": "...", "timeZone": "..."}; ValueError if malformed."""
    if not isinstance(value, dict):
        raise ValueError("expected an object with dateTime and timeZone")
    text, name = value.get("dateTime"), value.get("timeZone")
    if not isinstance(text, str) or not isinstance(name, str) or not name:
        raise ValueError("dateTime and timeZone must both be given as strings")
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone(name))
    return moment.astimezone(UTC)


def format_date_time_zone(moment: datetime, zone_name: str) -> dict[str, str]:
    """A dateTimeTimeZone in Graph's own form: local time with seven fractional digits."""
    local = moment.astimezone(zone(zone_name))
    text = local.strftime("%Y-%m-%dT%H:%M:%S") + f".{local.microsecond:06d}0"
    return {"dateTime": text, "timeZone": zone_name}


def preferred_time_zone(prefer_header: str | None) -> str:
    """The zone named by `Prefer: outlook.timezone="..."`; Graph answers in UTC without it."""
    if prefer_header:
        match = _PREFER.search(prefer_header)
        if match:
            name = match.group(1).strip()
            zone(name)
            return name
    return "UTC"


def graph_timestamp(moment: datetime) -> str:
    """A UTC timestamp such as createdDateTime: 2024-05-01T10:00:00.1234567Z."""
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S") + f".{utc.microsecond:06d}0Z"
