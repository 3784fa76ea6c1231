"""The loopback doubles speak well enough for the real clients: botbuilder's CloudAdapter and
msgraph-sdk's GraphServiceClient, over HTTP on 127.0.0.1."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from botbuilder.core import CardFactory, MessageFactory, TurnContext
from botbuilder.core.teams import TeamsInfo
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from botbuilder.schema import (
    ChannelAccount,
    ConversationAccount,
    ConversationParameters,
    ConversationReference,
)
from botframework.connector.auth import AppCredentials, ServiceClientCredentialsFactory
from botframework.connector.models import ErrorResponseException

from tests.doubles.bot_connector import BotConnectorDouble, connector_error, teams_member

CARD = {
    "type": "AdaptiveCard",
    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
    "version": "1.5",
    "body": [{"type": "TextBlock", "text": "Meet your mentor", "wrap": True}],
}
ANA = teams_member("29:ana", "Ana Lopez", aad_object_id="aad-ana", email="ana@contoso.test")


class DevModeConfig:
    """An empty app id: botbuilder authenticates nothing and fetches no token."""

    APP_ID = ""
    APP_PASSWORD = ""


class FixedTokenCredentials(AppCredentials):  # type: ignore[misc]
    """Credentials that hand out a known token instead of asking Entra ID for one."""

    def __init__(self, app_id: str, token: str) -> None:
        super().__init__(app_id=app_id)
        self._token = token

    def get_access_token(self, force_refresh: bool = False) -> str:
        return self._token


class FixedTokenFactory(ServiceClientCredentialsFactory):  # type: ignore[misc]
    async def is_valid_app_id(self, app_id: str) -> bool:
        return app_id == "app-1"

    async def is_authentication_disabled(self) -> bool:
        return False

    async def create_credentials(
        self, app_id: str, oauth_scope: str, login_endpoint: str, validate_authority: bool
    ) -> FixedTokenCredentials:
        return FixedTokenCredentials(app_id, "token-123")


@pytest.fixture
async def connector() -> AsyncIterator[BotConnectorDouble]:
    async with BotConnectorDouble(members={"a:chat-ana": [ANA]}) as double:
        yield double


@pytest.fixture
def adapter() -> CloudAdapter:
    return CloudAdapter(ConfigurationBotFrameworkAuthentication(DevModeConfig()))


def reference_to(connector: BotConnectorDouble) -> ConversationReference:
    return ConversationReference(
        channel_id="msteams",
        service_url=connector.url,
        conversation=ConversationAccount(id="a:chat-ana", conversation_type="personal"),
        user=ChannelAccount(id="29:ana", name="Ana Lopez"),
        bot=ChannelAccount(id="28:tandem", name="Tandem"),
    )


async def send_card(adapter: CloudAdapter, connector: BotConnectorDouble, app_id: str = "") -> str:
    sent: list[str] = []

    async def callback(turn_context: TurnContext) -> None:
        card = MessageFactory.attachment(CardFactory.adaptive_card(CARD))
        sent.append((await turn_context.send_activity(card)).id)

    await adapter.continue_conversation(reference_to(connector), callback, app_id)
    return sent[0]


async def test_proactive_card_reaches_the_connector_without_a_token(
    adapter: CloudAdapter, connector: BotConnectorDouble
) -> None:
    activity_id = await send_card(adapter, connector)

    assert connector.cards("a:chat-ana") == [CARD]
    assert connector.activities()[0]["id"] == activity_id
    (post,) = connector.requests("POST")
    # The continuation activity has a random id, so botbuilder sends a *reply* to it.
    assert post.path.startswith("/v3/conversations/a:chat-ana/activities/")
    assert "Authorization" not in post.headers


async def test_update_and_delete_change_the_activity_and_keep_its_versions(
    adapter: CloudAdapter, connector: BotConnectorDouble
) -> None:
    activity_id = await send_card(adapter, connector)

    async def callback(turn_context: TurnContext) -> None:
        changed = MessageFactory.attachment(CardFactory.adaptive_card({**CARD, "body": []}))
        changed.id = activity_id
        await turn_context.update_activity(changed)
        await turn_context.delete_activity(activity_id)

    await adapter.continue_conversation(reference_to(connector), callback, "")

    assert [v["attachments"][0]["content"]["body"] for v in connector.versions(activity_id)] == [
        CARD["body"],
        [],
    ]
    assert connector.is_deleted(activity_id) and connector.cards() == []


async def test_create_conversation_opens_one_chat_per_person(
    adapter: CloudAdapter, connector: BotConnectorDouble
) -> None:
    seen: list[str] = []

    async def callback(turn_context: TurnContext) -> None:
        seen.append(turn_context.activity.conversation.id)
        await turn_context.send_activity("Hello Ana")

    parameters = ConversationParameters(
        is_group=False, bot=ChannelAccount(id="28:tandem"), members=[ChannelAccount(id="29:ana")]
    )
    for _ in range(2):
        await adapter.create_conversation("", callback, parameters, "msteams", connector.url, None)

    assert seen[0] == seen[1] and seen[0].startswith("a:")
    assert [a["text"] for a in connector.activities(seen[0])] == ["Hello Ana", "Hello Ana"]


async def test_teams_info_reads_members_once_the_proactive_turn_has_channel_data(
    adapter: CloudAdapter, connector: BotConnectorDouble
) -> None:
    found: list[Any] = []

    async def callback(turn_context: TurnContext) -> None:
        # TeamsInfo reads channel_data, which a continuation activity lacks (TypeError).
        turn_context.activity.channel_data = {}
        found.append(await TeamsInfo.get_member(turn_context, "aad-ana"))
        found.append(await TeamsInfo.get_members(turn_context))
        with pytest.raises(ErrorResponseException) as missing:
            await TeamsInfo.get_member(turn_context, "29:nobody")
        found.append(missing.value.response.status_code)

    await adapter.continue_conversation(reference_to(connector), callback, "")

    assert found[0].email == "ana@contoso.test" and found[0].aad_object_id == "aad-ana"
    assert [member.id for member in found[1]] == ["29:ana"]
    assert found[2] == 404


async def test_botbuilder_does_not_retry_a_throttled_send(
    adapter: CloudAdapter, connector: BotConnectorDouble
) -> None:
    connector.script(
        "POST", "/v3/conversations/*/activities/*", connector_error(429, retry_after=2)
    )

    with pytest.raises(ErrorResponseException) as throttled:
        await send_card(adapter, connector)

    assert throttled.value.response.status_code == 429
    assert throttled.value.response.headers["Retry-After"] == "2"
    assert connector.count("POST") == 1 and connector.activities() == []


async def test_botbuilder_retries_a_throttled_update_after_retry_after(
    adapter: CloudAdapter, connector: BotConnectorDouble
) -> None:
    activity_id = await send_card(adapter, connector)
    connector.script("PUT", "/v3/conversations/**", connector_error(429, retry_after=1))

    async def callback(turn_context: TurnContext) -> None:
        changed = MessageFactory.text("updated")
        changed.id = activity_id
        await turn_context.update_activity(changed)

    await adapter.continue_conversation(reference_to(connector), callback, "")

    first, second = connector.requests("PUT")
    assert (first.status, second.status) == (429, 200)
    assert second.monotonic - first.monotonic >= 1.0
    assert connector.activities()[0]["text"] == "updated"


async def test_bot_with_an_app_id_sends_the_token_its_credentials_factory_gives(
    adapter: CloudAdapter,
) -> None:
    auth = ConfigurationBotFrameworkAuthentication(
        DevModeConfig(), credentials_factory=FixedTokenFactory()
    )
    async with BotConnectorDouble(expected_token="token-123") as connector:
        await send_card(CloudAdapter(auth), connector, app_id="app-1")
        assert connector.received[0].headers["Authorization"] == "Bearer token-123"

        with pytest.raises(ErrorResponseException):
            await send_card(adapter, connector)
        assert connector.received[1].status == 401


async def test_connector_delay_holds_every_answer(adapter: CloudAdapter) -> None:
    async with BotConnectorDouble(delay=0.3) as connector:
        started = time.monotonic()
        await send_card(adapter, connector)
        assert time.monotonic() - started >= 0.3
