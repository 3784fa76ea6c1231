"""Which of Tandem's Graph permissions work, found by one harmless read for each.

Application permissions show in the token's `roles` claim only after an administrator's
consent, and a consent can be withdrawn later; asking Graph itself is the check that cannot
drift. Every probe reads; none writes (the write half of Calendars.ReadWrite cannot be probed
without booking a meeting, so a read of the calendar stands for it).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from msgraph.graph_service_client import GraphServiceClient

from graph.calendar import GraphCalendar
from graph.directory import GraphDirectory
from graph.errors import graph_call
from graph.permissions import (
    CALENDARS_READ_WRITE,
    MAILBOX_SETTINGS_READ,
    REQUIRED_PERMISSIONS,
    TEAMS_APP_INSTALL,
    USER_READ_ALL,
)
from teams_app.domain.calendar import CalendarError, PermissionMissing


@dataclass(frozen=True)
class ProbeResult:
    """What one permission's probe found: ok, missing (403) or another failure."""

    permission: str
    reason: str
    ok: bool
    problem: str = ""


async def probe_permissions(client: GraphServiceClient, user: str) -> list[ProbeResult]:
    """Probe every required permission by reading about `user` (an object id or UPN)."""
    directory = GraphDirectory(client)
    calendar = GraphCalendar(client)
    now = datetime.now(UTC)
    apps = client.users.by_user_id(user).teamwork.installed_apps
    probes: dict[str, Callable[[], Awaitable[Any]]] = {
        USER_READ_ALL: lambda: directory.person(user),
        MAILBOX_SETTINGS_READ: lambda: directory.mailbox_settings(user),
        CALENDARS_READ_WRITE: lambda: _read_schedule(directory, calendar, user, now),
        TEAMS_APP_INSTALL: lambda: graph_call(TEAMS_APP_INSTALL, apps.get()),
    }
    return [await _probe(name, probe) for name, probe in probes.items()]


async def _read_schedule(
    directory: GraphDirectory, calendar: GraphCalendar, user: str, now: datetime
) -> object:
    """getSchedule asks by e-mail address; an object id is looked up first where allowed."""
    address = user
    if "@" not in user:
        try:
            entry = await directory.person(user)
        except CalendarError:  # User.Read.All has its own probe
            entry = None
        address = entry.mail if entry is not None and entry.mail else user
    return await calendar.free_busy(user, [address], now, now + timedelta(days=1))


async def _probe(permission: str, probe: Callable[[], Awaitable[Any]]) -> ProbeResult:
    reason = REQUIRED_PERMISSIONS[permission]
    try:
        await probe()
    except PermissionMissing:
        return ProbeResult(permission, reason, ok=False, problem="missing or not consented")
    except CalendarError as error:
        return ProbeResult(permission, reason, ok=False, problem=str(error))
    return ProbeResult(permission, reason, ok=True)
