"""A Microsoft Graph v1.0 double: users, mailbox settings, getSchedule, calendar events and
app installation for a user, on 127.0.0.1. Use `graph.url` (…/v1.0) as the adapter's base_url.

Scripted faults and recorded paths are relative to that url: "/users/*/events"."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from tests.doubles.graph_calendar import (
    StoredEvent,
    check_event,
    new_event,
    render_event,
    schedule_information,
    teams_join_url,
    unknown_schedule,
)
from tests.doubles.graph_model import BusyItem, GraphError, GraphUser, Json, error_body
from tests.doubles.graph_time import (
    UnknownTimeZoneError,
    parse_date_time_zone,
    preferred_time_zone,
)
from tests.doubles.loopback_server import LoopbackServer, recorded

_CATALOG = "/appCatalogs/teamsApps/"


class GraphDouble(LoopbackServer):
    """`async with GraphDouble([GraphUser(...)]) as graph:` then use `graph.url`."""

    base_path = "/v1.0"

    def __init__(self, users: Iterable[GraphUser] = (), *, delay: float = 0.0) -> None:
        super().__init__(delay=delay)
        self.users: list[GraphUser] = list(users)
        self.stored_events: list[StoredEvent] = []
        self._apps: dict[str, list[str]] = {}

    def add_user(self, user: GraphUser) -> GraphUser:
        """Seeds one more person."""
        self.users.append(user)
        return user

    def user(self, key: str) -> GraphUser:
        """The user with this id, UPN or mail; a Graph 404 otherwise."""
        for user in self.users:
            if key == user.id or key.lower() in user.addresses():
                return user
        raise GraphError(
            404,
            "Request_ResourceNotFound",
            f"Resource '{key}' does not exist or one of its queried reference-property "
            "objects are not present.",
        )

    def events(self, user_key: str | None = None, *, include_cancelled: bool = False) -> list[Json]:
        """The events on organisers' calendars as Graph renders them, in UTC."""
        owner_id = self.user(user_key).id if user_key else None
        return [
            render_event(event, self.user(event.owner_id), "UTC", self.url)
            for event in self.stored_events
            if owner_id in (None, event.owner_id) and (include_cancelled or not event.cancelled)
        ]

    def installed_apps(self, user_key: str) -> list[str]:
        """Catalog ids of the apps installed for a user."""
        return list(self._apps.get(self.user(user_key).id, []))

    def busy_items(self, user: GraphUser) -> list[BusyItem]:
        """Seeded busy time plus the live events the user organises or attends."""
        addresses = user.addresses()
        from_events = [
            event.as_busy_item()
            for event in self.stored_events
            if not event.cancelled
            and (event.owner_id == user.id or addresses & event.attendee_addresses())
        ]
        return [*user.busy, *from_events]

    def _add_routes(self, app: web.Application) -> None:
        user = self.base_path + "/users/{user}"
        router = app.router
        router.add_get(user, self._get_user)
        router.add_get(user + "/mailboxSettings", self._mailbox_settings)
        router.add_post(user + "/calendar/getSchedule", self._get_schedule)
        router.add_post(user + "/teamwork/installedApps", self._install_app)
        router.add_get(user + "/teamwork/installedApps", self._list_apps)
        router.add_get(user + "/teamwork/installedApps/{installation}/chat", self._app_chat)
        for events in (user + "/events", user + "/calendar/events"):
            router.add_post(events, self._create_event)
            router.add_get(events + "/{event_id}", self._get_event)
            router.add_patch(events + "/{event_id}", self._update_event)
            router.add_delete(events + "/{event_id}", self._delete_event)
            router.add_post(events + "/{event_id}/cancel", self._cancel_event)

    def _unknown_body(self, method: str, path: str) -> Any:
        return error_body("NotInDouble", f"{method} {path} is not served by the Graph double")

    def _zone(self, request: web.Request) -> str:
        try:
            return preferred_time_zone(request.headers.get("Prefer"))
        except UnknownTimeZoneError as error:
            raise GraphError(400, "ErrorTimeZoneNotSupported", str(error)) from error

    def _event(self, request: web.Request) -> tuple[GraphUser, StoredEvent]:
        owner = self.user(request.match_info["user"])
        event_id = request.match_info["event_id"]
        for event in self.stored_events:
            if event.id == event_id and event.owner_id == owner.id:
                return owner, event
        raise GraphError(
            404, "ErrorItemNotFound", "The specified object was not found in the store."
        )

    def _render(self, request: web.Request, owner: GraphUser, event: StoredEvent) -> Json:
        return render_event(event, owner, self._zone(request), self.url)

    async def _get_user(self, request: web.Request) -> web.Response:
        user = self.user(request.match_info["user"]).as_graph(self.url)
        select = request.query.get("$select")
        if select:
            wanted = {name.strip() for name in select.split(",")} | {"@odata.context"}
            user = {key: value for key, value in user.items() if key in wanted}
        return web.json_response(user)

    async def _mailbox_settings(self, request: web.Request) -> web.Response:
        return web.json_response(self.user(request.match_info["user"]).mailbox_settings(self.url))

    async def _get_schedule(self, request: web.Request) -> web.Response:
        self.user(request.match_info["user"])
        zone_name = self._zone(request)
        addresses, window, interval = _schedule_request(recorded(request).json)
        value = []
        for address in addresses:
            try:
                person = self.user(address)
            except GraphError:
                value.append(unknown_schedule(address))
                continue
            items = self.busy_items(person)
            value.append(schedule_information(person, items, window, interval, zone_name))
        context = f"{self.url}/$metadata#Collection(microsoft.graph.scheduleInformation)"
        return web.json_response({"@odata.context": context, "value": value})

    async def _create_event(self, request: web.Request) -> web.Response:
        owner = self.user(request.match_info["user"])
        body = recorded(request).json
        start, end = check_event(body, partial=False)
        assert start is not None and end is not None
        transaction = body.get("transactionId")
        for event in self.stored_events:
            # A retried POST with the same transactionId gives back the event it made.
            if (
                transaction
                and event.owner_id == owner.id
                and event.body.get("transactionId") == transaction
            ):
                return web.json_response(self._render(request, owner, event), status=201)
        event = new_event(owner.id, body, start, end)
        self.stored_events.append(event)
        return web.json_response(self._render(request, owner, event), status=201)

    async def _get_event(self, request: web.Request) -> web.Response:
        owner, event = self._event(request)
        return web.json_response(self._render(request, owner, event))

    async def _update_event(self, request: web.Request) -> web.Response:
        owner, event = self._event(request)
        patch = recorded(request).json
        start, end = check_event(patch, partial=True)
        if (start or event.start) >= (end or event.end):
            raise GraphError(400, "ErrorInvalidRequest", "end must be after start")
        if "transactionId" in patch:
            raise GraphError(400, "ErrorInvalidRequest", "transactionId cannot be changed")
        event.history.append(dict(event.body))
        event.body.update(patch)
        event.start, event.end = start or event.start, end or event.end
        if event.body.get("isOnlineMeeting") and not event.join_url:
            event.join_url = teams_join_url()
        event.change += 1
        event.modified = datetime.now(UTC)
        return web.json_response(self._render(request, owner, event))

    async def _delete_event(self, request: web.Request) -> web.Response:
        _, event = self._event(request)
        self.stored_events.remove(event)
        return web.Response(status=204)

    async def _cancel_event(self, request: web.Request) -> web.Response:
        _, event = self._event(request)
        body = _action_parameters(recorded(request).json or {})
        if event.cancelled:
            raise GraphError(400, "ErrorInvalidRequest", "The meeting is already cancelled.")
        comment = body.get("comment") if isinstance(body, dict) else None
        if comment is not None and not isinstance(comment, str):
            raise GraphError(400, "ErrorInvalidRequest", "comment must be a string")
        event.cancelled, event.cancel_comment = True, comment
        event.modified = datetime.now(UTC)
        return web.Response(status=202)

    async def _install_app(self, request: web.Request) -> web.Response:
        user = self.user(request.match_info["user"])
        body = recorded(request).json
        bind = body.get("teamsApp@odata.bind") if isinstance(body, dict) else None
        if not isinstance(bind, str) or _CATALOG not in bind:
            raise GraphError(400, "BadRequest", "teamsApp@odata.bind must name a catalog app")
        app_id = bind.rsplit(_CATALOG, 1)[1].strip("/")
        installed = self._apps.setdefault(user.id, [])
        if app_id in installed:
            raise GraphError(409, "Conflict", "The app is already installed for this user.")
        installed.append(app_id)
        return web.Response(status=201)

    async def _list_apps(self, request: web.Request) -> web.Response:
        user = self.user(request.match_info["user"])
        value = [
            {"id": f"{user.id}##{app_id}", "teamsApp": {"id": app_id}}
            for app_id in self._apps.get(user.id, [])
        ]
        return web.json_response({"value": value})

    async def _app_chat(self, request: web.Request) -> web.Response:
        user = self.user(request.match_info["user"])
        owner, _, app_id = request.match_info["installation"].partition("##")
        if owner != user.id or app_id not in self._apps.get(user.id, []):
            raise GraphError(404, "NotFound", "No such app installation for this user.")
        return web.json_response(
            {"id": personal_chat_id(user.id, app_id), "chatType": "oneOnOne", "topic": None}
        )


def personal_chat_id(user_id: str, app_id: str) -> str:
    """The id Teams gives the 1:1 chat of an installed bot with a user."""
    return f"19:{user_id}_{app_id}@unq.gbl.spaces"


def _schedule_request(body: Any) -> tuple[list[str], tuple[datetime, datetime], int]:
    if not isinstance(body, dict):
        raise GraphError(400, "ErrorInvalidRequest", "The request body must be an object.")
    body = _action_parameters(body)
    schedules = body.get("schedules")
    if (
        not isinstance(schedules, list)
        or not schedules
        or not all(isinstance(s, str) for s in schedules)
    ):
        raise GraphError(400, "ErrorInvalidRequest", "schedules must list SMTP addresses")
    try:
        start = parse_date_time_zone(body.get("starttime"))
        end = parse_date_time_zone(body.get("endtime"))
    except ValueError as error:
        raise GraphError(400, "ErrorInvalidRequest", f"startTime/endTime: {error}") from error
    interval = body.get("availabilityviewinterval") or 30
    if not isinstance(interval, int) or not 5 <= interval <= 1440:
        raise GraphError(400, "ErrorInvalidRequest", "availabilityViewInterval must be 5 to 1440")
    if end <= start:
        raise GraphError(400, "ErrorInvalidRequest", "endTime must be after startTime")
    return schedules, (start, end), interval


def _action_parameters(body: Any) -> Json:
    # msgraph-sdk writes action parameters in PascalCase ("Schedules", "StartTime",
    # "Comment"); Graph reads them without regard to case, so the double does too.
    if not isinstance(body, dict):
        raise GraphError(400, "ErrorInvalidRequest", "The request body must be an object.")
    return {str(key).lower(): value for key, value in body.items()}
