"""The Graph double answers the real GraphServiceClient, wired as design decision 5 says."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from kiota_abstractions.authentication import AnonymousAuthenticationProvider
from kiota_abstractions.base_request_configuration import RequestConfiguration
from msgraph.generated.models.attendee import Attendee
from msgraph.generated.models.attendee_type import AttendeeType
from msgraph.generated.models.date_time_time_zone import DateTimeTimeZone
from msgraph.generated.models.email_address import EmailAddress
from msgraph.generated.models.event import Event
from msgraph.generated.models.o_data_errors.o_data_error import ODataError
from msgraph.generated.models.online_meeting_provider_type import OnlineMeetingProviderType
from msgraph.generated.models.user_scope_teams_app_installation import (
    UserScopeTeamsAppInstallation,
)
from msgraph.generated.users.item.calendar.get_schedule.get_schedule_post_request_body import (
    GetSchedulePostRequestBody,
)
from msgraph.generated.users.item.events.item.cancel.cancel_post_request_body import (
    CancelPostRequestBody,
)
from msgraph.graph_request_adapter import GraphRequestAdapter
from msgraph.graph_service_client import GraphServiceClient
from msgraph_core import GraphClientFactory  # type: ignore[import-untyped]

from tests.doubles.graph import GraphDouble
from tests.doubles.graph_model import BusyItem, GraphUser, graph_error

ANA = GraphUser(
    "u-ana",
    "ana@contoso.test",
    "Ana Lopez",
    mail="ana@contoso.test",
    time_zone="GMT Standard Time",
    busy=[BusyItem(datetime(2026, 3, 2, 10, tzinfo=UTC), datetime(2026, 3, 2, 11, tzinfo=UTC))],
)
BO = GraphUser("u-bo", "bo@contoso.test", "Bo Chen", mail="bo@contoso.test", time_zone="UTC")
# msgraph-sdk's generated code and kiota warn about their own deprecated classes.
pytestmark = [
    pytest.mark.filterwarnings("ignore::DeprecationWarning:msgraph.*"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning:kiota_abstractions.*"),
]
APP = "https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/tandem-app"


@pytest.fixture
async def graph() -> AsyncIterator[GraphDouble]:
    async with GraphDouble([ANA, BO]) as double:
        yield double


def graph_client(graph: GraphDouble, raw: httpx.AsyncClient) -> GraphServiceClient:
    http = GraphClientFactory.create_with_default_middleware(client=raw)
    adapter = GraphRequestAdapter(AnonymousAuthenticationProvider(), http)
    adapter.base_url = graph.url
    return GraphServiceClient(request_adapter=adapter)


@pytest.fixture
async def client(graph: GraphDouble) -> AsyncIterator[GraphServiceClient]:
    # msgraph-core's AsyncGraphTransport has no aclose(): closing the client leaves the
    # wrapped connection pool open, so the test owns the transport and closes it.
    async with (
        httpx.AsyncHTTPTransport() as transport,
        httpx.AsyncClient(transport=transport) as raw,
    ):
        yield graph_client(graph, raw)


def meeting(transaction_id: str = "pair-7-v1") -> Event:
    return Event(
        subject="Tandem: Ana and Bo",
        start=DateTimeTimeZone(date_time="2026-03-03T10:00:00", time_zone="GMT Standard Time"),
        end=DateTimeTimeZone(date_time="2026-03-03T10:30:00", time_zone="GMT Standard Time"),
        attendees=[
            Attendee(email_address=EmailAddress(address=BO.email()), type=AttendeeType.Required)
        ],
        is_online_meeting=True,
        online_meeting_provider=OnlineMeetingProviderType.TeamsForBusiness,
        transaction_id=transaction_id,
    )


async def test_graph_client_reads_a_user_and_mailbox_settings(
    graph: GraphDouble, client: GraphServiceClient
) -> None:

    by_name = await client.users.by_user_id("ana@contoso.test").get()
    settings = await client.users.by_user_id("u-ana").mailbox_settings.get()

    assert by_name and (by_name.id, by_name.display_name) == ("u-ana", "Ana Lopez")
    assert settings and settings.time_zone == "GMT Standard Time"
    assert settings.working_hours and str(settings.working_hours.start_time) == "09:00:00"


async def test_get_schedule_answers_in_the_preferred_time_zone_or_utc(
    graph: GraphDouble, client: GraphServiceClient
) -> None:
    body = GetSchedulePostRequestBody(
        schedules=["ana@contoso.test", "nobody@contoso.test"],
        start_time=DateTimeTimeZone(date_time="2026-03-02T09:00:00", time_zone="UTC"),
        end_time=DateTimeTimeZone(date_time="2026-03-02T13:00:00", time_zone="UTC"),
        availability_view_interval=60,
    )
    pacific: RequestConfiguration[Any] = RequestConfiguration()
    pacific.headers.add("Prefer", 'outlook.timezone="Pacific Standard Time"')

    schedule = client.users.by_user_id("u-ana").calendar.get_schedule
    in_utc = await schedule.post(body)
    in_pacific = await schedule.post(body, request_configuration=pacific)

    assert in_utc and in_utc.value and in_pacific and in_pacific.value
    ana, nobody = in_utc.value
    assert ana.availability_view == "0200" and nobody.error is not None
    assert ana.schedule_items and ana.schedule_items[0].start
    assert ana.schedule_items[0].start.date_time == "2026-03-02T10:00:00.0000000"
    pacific_item = (in_pacific.value[0].schedule_items or [])[0]
    assert pacific_item.start and pacific_item.start.date_time == "2026-03-02T02:00:00.0000000"


async def test_throttled_event_post_is_retried_and_makes_one_meeting(
    graph: GraphDouble, client: GraphServiceClient
) -> None:
    graph.script("POST", "/users/*/events", graph_error(429, retry_after=1))

    created = await client.users.by_user_id("u-ana").events.post(meeting())

    first, second = graph.requests("POST", "/users/u-ana/events")
    assert (first.status, second.status) == (429, 201)
    assert second.headers["Retry-Attempt"] == "1" and second.monotonic - first.monotonic >= 1
    assert [event["id"] for event in graph.events("u-ana")] == [created and created.id]
    assert created and created.online_meeting and created.online_meeting.join_url


async def test_lost_answer_after_creation_still_makes_one_meeting(
    graph: GraphDouble, client: GraphServiceClient
) -> None:
    graph.script("POST", "/users/*/events", graph_error(504, retry_after=1, takes_effect=True))

    created = await client.users.by_user_id("u-ana").events.post(meeting())

    assert graph.posts_per_path()["/users/u-ana/events"] == 2
    assert len(graph.events()) == 1 and created and created.id == graph.events()[0]["id"]


async def test_denied_request_surfaces_as_an_odata_error_with_its_code(
    graph: GraphDouble, client: GraphServiceClient
) -> None:
    graph.script("POST", "/users/*/teamwork/installedApps", graph_error(403))
    install = UserScopeTeamsAppInstallation(additional_data={"teamsApp@odata.bind": APP})

    with pytest.raises(ODataError) as denied:
        await client.users.by_user_id("u-bo").teamwork.installed_apps.post(install)

    assert denied.value.response_status_code == 403
    assert denied.value.error and denied.value.error.code == "Authorization_RequestDenied"


async def test_app_installation_is_created_once_then_conflicts(
    graph: GraphDouble, client: GraphServiceClient
) -> None:
    install = UserScopeTeamsAppInstallation(additional_data={"teamsApp@odata.bind": APP})

    await client.users.by_user_id("u-bo").teamwork.installed_apps.post(install)
    with pytest.raises(ODataError) as again:
        await client.users.by_user_id("u-bo").teamwork.installed_apps.post(install)

    assert graph.installed_apps("bo@contoso.test") == ["tandem-app"]
    assert again.value.response_status_code == 409


async def test_invalid_event_is_refused_with_a_graph_error(
    graph: GraphDouble, client: GraphServiceClient
) -> None:
    event = meeting()
    event.start = DateTimeTimeZone(date_time="2026-03-03T10:00:00")

    with pytest.raises(ODataError) as refused:
        await client.users.by_user_id("u-ana").calendar.events.post(event)

    assert refused.value.response_status_code == 400
    assert refused.value.error and refused.value.error.code == "ErrorInvalidRequest"
    assert "start" in str(refused.value.error.message) and graph.events() == []


async def test_event_can_be_moved_shows_busy_for_attendees_and_can_be_cancelled(
    graph: GraphDouble, client: GraphServiceClient
) -> None:
    events = client.users.by_user_id("u-ana").events
    created = await events.post(meeting())
    assert created and created.id
    at = DateTimeTimeZone(date_time="2026-03-03T11:00:00", time_zone="UTC")
    until = DateTimeTimeZone(date_time="2026-03-03T11:30:00", time_zone="UTC")

    moved = await events.by_event_id(created.id).patch(Event(start=at, end=until))
    with pytest.raises(ODataError):
        await events.by_event_id(created.id).patch(Event(end=at))
    bo = graph.busy_items(graph.user("u-bo"))
    await events.by_event_id(created.id).cancel.post(CancelPostRequestBody(comment="Sorry"))

    assert moved and moved.start and moved.start.date_time == "2026-03-03T11:00:00.0000000"
    assert [(item.start.hour, item.status) for item in bo] == [(11, "busy")]
    assert graph.events() == [] and graph.stored_events[0].cancel_comment == "Sorry"
    await events.by_event_id(created.id).delete()
    assert graph.stored_events == []


async def test_slow_graph_answer_trips_a_short_client_timeout() -> None:
    async with (
        GraphDouble([ANA], delay=1.0) as graph,
        httpx.AsyncHTTPTransport() as transport,
        httpx.AsyncClient(transport=transport, timeout=0.2) as raw,
    ):
        with pytest.raises(httpx.TimeoutException):
            await graph_client(graph, raw).users.by_user_id("u-ana").get()
