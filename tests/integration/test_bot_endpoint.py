"""The bot endpoint end to end in-process: Tandem, real botbuilder, the Bot Connector double."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from teams_app.storage.cipher import generate_key
from tests.card_schema import assert_valid_card
from tests.doubles.bot_connector import BotConnectorDouble
from tests.integration import activities as act
from tests.integration.conftest import Running, start_tandem


async def post(running: Running, activity: Any) -> Any:
    response = await running.client.post("/api/messages", json=activity)
    body = await response.read()
    return response.status, (json.loads(body) if body else None)


def card_titles(card: dict[str, Any]) -> list[str]:
    return [a["title"] for a in card.get("actions", [])]


async def test_installing_in_personal_chat_stores_the_reference_and_welcomes_once(
    running: Running,
) -> None:
    url = running.connector.url
    assert (await post(running, act.bot_added(url)))[0] in (200, 201)
    assert (await post(running, act.installed(url)))[0] in (200, 201)
    cards = running.connector.cards(act.PERSONAL_CONVERSATION)
    assert len(cards) == 1
    assert_valid_card(cards[0])
    assert cards[0]["body"][0]["text"].startswith("Welcome to ")
    assert card_titles(cards[0]) == ["Sign up as mentee", "Sign up as mentor", "Help"]
    stored = await running.tandem.store.get_conversation(act.PERSONAL_CONVERSATION)
    assert stored is not None and stored.user_aad_id == act.USER["aadObjectId"]
    assert stored.reference["serviceUrl"] == url
    assert await running.tandem.store.personal_conversation_of("aad-amina") == stored


async def test_adding_tandem_to_a_team_welcomes_the_channel(running: Running) -> None:
    await post(running, act.bot_added(running.connector.url, channel=True))
    cards = running.connector.cards(act.CHANNEL_CONVERSATION)
    assert len(cards) == 1 and "Team members" in json.dumps(cards[0])
    stored = await running.tandem.store.get_conversation(act.CHANNEL_CONVERSATION)
    assert stored is not None and stored.team_id == act.TEAM_ID and stored.user_aad_id is None


async def test_typed_help_answers_with_the_commands(running: Running) -> None:
    await post(running, act.message(running.connector.url, "help"))
    (card,) = running.connector.cards()
    assert_valid_card(card)
    assert card["body"][0]["text"] == "How Tandem can help"
    assert "my registration" in json.dumps(card)


async def test_help_with_a_mention_in_a_channel_answers_in_the_channel(running: Running) -> None:
    await post(running, act.message(running.connector.url, "help", channel=True))
    (card,) = running.connector.cards(act.CHANNEL_CONVERSATION)
    assert "@mention" in json.dumps(card)


async def test_help_button_replaces_the_card_with_the_commands(running: Running) -> None:
    status, body = await post(running, act.card_action(running.connector.url, "help"))
    assert status == 200
    assert body["statusCode"] == 200 and body["type"] == "application/vnd.microsoft.card.adaptive"
    assert_valid_card(body["value"])
    assert body["value"]["body"][0]["text"] == "How Tandem can help"


async def test_unknown_text_gets_a_friendly_pointer_to_help(running: Running) -> None:
    await post(running, act.message(running.connector.url, "what is for lunch?"))
    (card,) = running.connector.cards()
    assert "help" in card["body"][0]["text"]
    assert card_titles(card) == ["Help"]


async def test_unknown_card_action_answers_with_a_card_that_says_so(running: Running) -> None:
    status, body = await post(running, act.card_action(running.connector.url, "launch.rockets"))
    assert status == 200
    assert_valid_card(body["value"])
    assert body["value"]["body"][0]["text"] == "That button is no longer available"


async def test_unreadable_card_action_value_is_a_bad_request_not_a_crash(running: Running) -> None:
    activity = act.card_action(running.connector.url, "help")
    activity["value"] = {"action": "not-an-object"}
    status, body = await post(running, activity)
    assert status == 200 and body["statusCode"] == 400


async def test_malformed_json_is_rejected_with_a_reason_and_nothing_is_stored(
    running: Running,
) -> None:
    response = await running.client.post(
        "/api/messages", data=b"{oops", headers={"Content-Type": "application/json"}
    )
    assert response.status == 400
    assert await response.json() == {"error": "body is not valid JSON"}
    assert await running.tandem.store.get_conversation(act.PERSONAL_CONVERSATION) is None
    assert running.connector.requests() == []


async def test_activity_missing_fields_is_rejected_and_nothing_is_stored(running: Running) -> None:
    activity = act.bot_added(running.connector.url)
    del activity["conversation"]
    status, body = await post(running, activity)
    assert status == 400 and body == {"error": "activity is missing conversation.id"}
    assert await running.tandem.store.list_audit() == []


async def test_health_check_reports_the_database(running: Running) -> None:
    response = await running.client.get("/healthz")
    assert response.status == 200
    assert (await response.json())["database"] == "ok"


async def test_with_an_app_id_a_request_without_a_token_is_unauthorised(tmp_path: Path) -> None:
    env = {
        "TANDEM_APP_ID": "11111111-2222-3333-4444-555555555555",
        "TANDEM_APP_PASSWORD": "s",
        "TANDEM_TENANT_ID": act.TENANT,
        "TANDEM_ENCRYPTION_KEYS": generate_key(),
    }
    tandem, client = await start_tandem(env, tmp_path)
    try:
        activity = act.message("http://127.0.0.1:9/", "help")
        response = await client.post("/api/messages", json=activity)
        assert response.status == 401
        forged = await client.post(
            "/api/messages", json=activity, headers={"Authorization": "Bearer not.a.token"}
        )
        assert forged.status == 401
        assert await tandem.store.get_conversation(act.PERSONAL_CONVERSATION) is None
    finally:
        await client.close()


async def test_activities_from_another_tenant_are_ignored(tmp_path: Path) -> None:
    async with BotConnectorDouble() as connector:
        env = {"TANDEM_DEV_MODE": "true", "TANDEM_ALLOWED_TENANTS": act.TENANT}
        tandem, client = await start_tandem(env, tmp_path)
        try:
            foreign = act.bot_added(connector.url, tenant="someone-else")
            response = await client.post("/api/messages", json=foreign)
            assert response.status in (200, 201)
            assert connector.requests() == []
            assert await tandem.store.get_conversation(act.PERSONAL_CONVERSATION) is None
        finally:
            await client.close()


async def test_a_channel_thread_is_stored_as_its_channel_and_answered_in_the_thread(
    running: Running,
) -> None:
    activity = act.message(running.connector.url, "help", channel=True)
    activity["conversation"]["id"] = f"{act.CHANNEL_CONVERSATION};messageid=1700000000001"
    await post(running, activity)
    stored = await running.tandem.store.get_conversation(act.CHANNEL_CONVERSATION)
    assert stored is not None
    assert stored.reference["conversation"]["id"] == act.CHANNEL_CONVERSATION
    assert "activityId" not in stored.reference
    (reply,) = running.connector.activities()
    assert reply["conversation"]["id"].endswith(";messageid=1700000000001")


async def test_sign_up_after_the_windows_closed_says_so_and_names_the_contact(
    running: Running,
) -> None:
    # The running fixture uses the real date (after Together 2026's September windows).
    status, body = await post(running, act.card_action(running.connector.url, "signup.mentee"))
    assert status == 200 and body["type"] == "application/vnd.microsoft.card.adaptive"
    assert_valid_card(body["value"])
    text = json.dumps(body["value"])
    if running.tandem.programme.registration.last_closing() < date.today():
        assert "closed" in text and running.tandem.programme.contact in text
