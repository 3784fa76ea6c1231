"""Tandem installs itself for a person through the real GraphServiceClient and the Graph double."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from graph.app_installation import GraphAppInstaller
from graph.client import RetryPolicy, graph_client_at
from tests.doubles.graph import GraphDouble, personal_chat_id
from tests.doubles.graph_model import GraphUser, graph_error

BO = GraphUser("u-bo", "bo@contoso.test", "Bo Chen", mail="bo@contoso.test")
CATALOG_ID = "tandem-catalog-id"
pytestmark = [
    pytest.mark.filterwarnings("ignore::DeprecationWarning:msgraph.*"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning:kiota_abstractions.*"),
]


@pytest.fixture
async def graph() -> AsyncIterator[GraphDouble]:
    async with GraphDouble([BO]) as double:
        yield double


@pytest.fixture
async def installer(graph: GraphDouble) -> AsyncIterator[GraphAppInstaller]:
    async with httpx.AsyncClient() as http:
        client = graph_client_at(graph.url, http, retry=RetryPolicy(max_retries=1, delay_seconds=0))
        yield GraphAppInstaller(client, graph.url, CATALOG_ID)


async def test_installing_for_a_person_gives_the_bots_chat_with_them(
    graph: GraphDouble, installer: GraphAppInstaller
) -> None:
    chat = await installer.personal_chat("u-bo")

    assert chat == personal_chat_id("u-bo", CATALOG_ID)
    assert graph.installed_apps("u-bo") == [CATALOG_ID]
    [install] = graph.requests("POST", "/users/u-bo/teamwork/installedApps")
    bind = install.json["teamsApp@odata.bind"]
    assert bind == f"{graph.url}/appCatalogs/teamsApps/{CATALOG_ID}"
    [listing] = graph.requests("GET", "/users/u-bo/teamwork/installedApps")
    assert listing.query["$filter"] == f"teamsApp/id eq '{CATALOG_ID}'"


async def test_an_app_already_installed_409_still_gives_the_chat(
    graph: GraphDouble, installer: GraphAppInstaller
) -> None:
    await installer.personal_chat("u-bo")
    chat = await installer.personal_chat("u-bo")

    assert chat == personal_chat_id("u-bo", CATALOG_ID)
    answers = [r.status for r in graph.requests("POST", "/users/u-bo/teamwork/installedApps")]
    assert answers == [201, 409]
    assert graph.installed_apps("u-bo") == [CATALOG_ID]


@pytest.mark.parametrize("status", [403, 404])
async def test_a_refused_installation_gives_no_chat(
    graph: GraphDouble, installer: GraphAppInstaller, status: int
) -> None:
    graph.script("POST", "/users/*/teamwork/installedApps", graph_error(status))

    assert await installer.personal_chat("u-bo") is None
    assert graph.installed_apps("u-bo") == []
    assert graph.count("GET", "/users/**") == 0


async def test_an_unknown_person_gives_no_chat(installer: GraphAppInstaller) -> None:
    assert await installer.personal_chat("u-nobody") is None
