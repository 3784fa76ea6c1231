"""The Directory port on Microsoft Graph: people by UPN or object id, and mailbox settings."""

from __future__ import annotations

from kiota_abstractions.base_request_configuration import RequestConfiguration
from msgraph.generated.models.working_hours import WorkingHours as GraphWorkingHours
from msgraph.generated.users.item.user_item_request_builder import UserItemRequestBuilder
from msgraph.graph_service_client import GraphServiceClient

from graph.errors import graph_call
from graph.permissions import MAILBOX_SETTINGS_READ, USER_READ_ALL
from graph.time_zones import iana_name
from teams_app.domain.calendar import CalendarItemMissing, DirectoryEntry, MailboxSettings
from teams_app.domain.working_hours import DAY_NAMES, WorkingHours

_USER_FIELDS = ["id", "mail", "displayName", "userPrincipalName"]


class GraphDirectory:
    """People and mailbox settings, read app-only."""

    def __init__(self, client: GraphServiceClient) -> None:
        self._client = client

    async def person(self, upn_or_id: str) -> DirectoryEntry | None:
        """A person by user principal name or object id; None if the directory has no one."""
        query = UserItemRequestBuilder.UserItemRequestBuilderGetQueryParameters(select=_USER_FIELDS)
        config = RequestConfiguration(query_parameters=query)
        request = self._client.users.by_user_id(upn_or_id).get(request_configuration=config)
        try:
            user = await graph_call(USER_READ_ALL, request)
        except CalendarItemMissing:
            return None
        if user is None or not user.id:
            return None
        mail = user.mail or user.user_principal_name or ""
        return DirectoryEntry(id=user.id, mail=mail, display_name=user.display_name or mail)

    async def mailbox_settings(self, upn_or_id: str) -> MailboxSettings:
        """The person's time zone and working hours (IANA); None fields where unset."""
        request = self._client.users.by_user_id(upn_or_id).mailbox_settings.get()
        settings = await graph_call(MAILBOX_SETTINGS_READ, request)
        zone = iana_name(settings.time_zone) if settings else None
        hours = working_hours(settings.working_hours, zone) if settings else None
        return MailboxSettings(time_zone=zone, working_hours=hours)


def working_hours(
    graph: GraphWorkingHours | None, fallback_zone: str | None
) -> WorkingHours | None:
    """Graph's workingHours as the domain's; None if incomplete or in an unknown zone."""
    if graph is None or not graph.days_of_week or not graph.start_time or not graph.end_time:
        return None
    zone = iana_name(graph.time_zone.name if graph.time_zone else None) or fallback_zone
    if zone is None:
        return None
    days = frozenset(DAY_NAMES.index(str(day.value)) for day in graph.days_of_week)
    try:
        return WorkingHours(zone, days, graph.start_time, graph.end_time)
    except ValueError:
        return None
