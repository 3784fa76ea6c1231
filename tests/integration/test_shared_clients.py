"""The adapter keeps connector clients across turns, each signing as its app for its audience.

Proposed for tests/integration/ (uses tests/doubles/bot_connector.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import ChannelAccount, ConversationAccount, ConversationReference
from botframework.connector.auth import (
    AppCredentials,
    AuthenticationConstants,
    ClaimsIdentity,
    ServiceClientCredentialsFactory,
)

from bot.adapter import SharedClientsAuthentication
from tests.doubles.bot_connector import BotConnectorDouble

CHANNEL_SCOPE = AuthenticationConstants.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE


class ScopedCredentials(AppCredentials):  # type: ignore[misc]
    """A token that names the app and the audience it was made for."""

    def get_access_token(self, force_refresh: bool = False) -> str:
        return f"token-{self.microsoft_app_id}-{self.oauth_scope}"


class RecordingFactory(ServiceClientCredentialsFactory):  # type: ignore[misc]
    """Records every credentials object botbuilder asks for."""

    def __init__(self) -> None:
        self.made: list[tuple[str, str]] = []

    async def is_valid_app_id(self, app_id: str) -> bool:
        return app_id in ("app-1", "app-2")

    async def is_authentication_disabled(self) -> bool:
        return False

    async def create_credentials(
        self, app_id: str, oauth_scope: str, login_endpoint: str, validate_authority: bool
    ) -> ScopedCredentials:
        self.made.append((app_id, oauth_scope))
        return ScopedCredentials(app_id=app_id, oauth_scope=oauth_scope)


class AppConfiguration:
    APP_ID = "app-1"
    APP_PASSWORD = "secret"
    APP_TYPE = "MultiTenant"
    APP_TENANTID = ""


@pytest.fixture
async def connector() -> AsyncIterator[BotConnectorDouble]:
    async with BotConnectorDouble() as double:
        yield double


def reference(service_url: str) -> ConversationReference:
    return ConversationReference(
        channel_id="msteams",
        service_url=service_url,
        conversation=ConversationAccount(id="a:chat-ana", conversation_type="personal"),
        user=ChannelAccount(id="29:ana"),
        bot=ChannelAccount(id="28:tandem"),
    )


async def test_turns_of_one_app_share_one_client_and_sign_with_its_channel_token(
    connector: BotConnectorDouble,
) -> None:
    factory = RecordingFactory()
    adapter = CloudAdapter(
        SharedClientsAuthentication(AppConfiguration(), credentials_factory=factory)
    )
    used: list[Any] = []

    async def send(turn_context: TurnContext) -> None:
        used.append(turn_context.turn_state[adapter.BOT_CONNECTOR_CLIENT_KEY])
        await turn_context.send_activity("hello")

    await adapter.continue_conversation(reference(connector.url), send, "app-1")
    await asyncio.gather(
        *(adapter.continue_conversation(reference(connector.url), send, "app-1") for _ in range(10))
    )

    assert len({id(client) for client in used}) == 1
    # one connector client and one user-token client, not two per turn
    assert factory.made == [("app-1", CHANNEL_SCOPE)] * 2
    tokens = {post.headers.get("Authorization") for post in connector.requests("POST")}
    assert tokens == {f"Bearer token-app-1-{CHANNEL_SCOPE}"}


async def test_another_audience_or_service_url_gets_its_own_client(
    connector: BotConnectorDouble,
) -> None:
    adapter = CloudAdapter(
        SharedClientsAuthentication(AppConfiguration(), credentials_factory=RecordingFactory())
    )
    used: list[Any] = []

    async def send(turn_context: TurnContext) -> None:
        used.append(turn_context.turn_state[adapter.BOT_CONNECTOR_CLIENT_KEY])
        await turn_context.send_activity("hello")

    skill = ClaimsIdentity(
        {
            AuthenticationConstants.AUDIENCE_CLAIM: "app-2",
            AuthenticationConstants.APP_ID_CLAIM: "app-2",
        },
        True,
    )
    await adapter.continue_conversation(reference(connector.url), send, "app-1")
    await adapter.continue_conversation_with_claims(
        skill, reference(connector.url), "api://skill", send
    )
    other_host = connector.url.replace("127.0.0.1", "localhost")
    await adapter.continue_conversation(reference(other_host), send, "app-1")

    assert len({id(client) for client in used}) == 3
    assert used[2].config.base_url == other_host
    tokens = [post.headers.get("Authorization") for post in connector.requests("POST")]
    assert tokens[1] == "Bearer token-app-2-api://skill"
