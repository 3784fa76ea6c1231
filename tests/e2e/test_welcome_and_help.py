"""The first minutes with Tandem, in the Agents Playground: welcome cards and help."""

from __future__ import annotations

import pytest

from tests.e2e.playground import PlaygroundPage

pytestmark = pytest.mark.e2e

WELCOME = "Welcome to"
HELP = "How Tandem can help"
WELCOME_BUTTONS = ["Sign up as mentee", "Sign up as mentor", "Help"]
TEAM = "Mentoring Programme"


async def test_the_welcome_card_appears_in_personal_chat_with_three_buttons(
    teams: PlaygroundPage,
) -> None:
    await teams.open_personal_chat()

    welcome = await teams.wait_for_card(WELCOME)
    await teams.screenshot("personal-01-welcome")

    assert await teams.card_buttons(welcome) == WELCOME_BUTTONS
    assert await teams.card(WELCOME).count() == 1, "installation must welcome exactly once"


async def test_the_help_button_shows_the_help_card(teams: PlaygroundPage) -> None:
    await teams.open_personal_chat()
    await teams.wait_for_card(WELCOME)

    await teams.click_card_button("Help", card_text=WELCOME)

    help_card = await teams.wait_for_card(HELP)
    await teams.screenshot("personal-02-help-button")
    assert "help" in (await help_card.inner_text()).lower()


async def test_typing_help_answers_with_the_help_card(teams: PlaygroundPage) -> None:
    await teams.open_personal_chat()
    await teams.wait_for_card(WELCOME)

    await teams.send_message("help")

    await teams.wait_for_card(HELP)
    await teams.screenshot("personal-03-typed-help")


async def test_the_welcome_card_appears_when_the_app_is_added_to_the_team(
    teams: PlaygroundPage,
) -> None:
    await teams.open_personal_chat()
    await teams.wait_for_card(WELCOME)

    await teams.add_app_to_team(TEAM, "General")

    welcome = await teams.wait_for_card(WELCOME)
    await teams.screenshot("team-01-welcome")
    assert await teams.card_buttons(welcome) == WELCOME_BUTTONS


async def test_mentioning_tandem_with_help_in_a_channel_answers_with_the_help_card(
    teams: PlaygroundPage,
) -> None:
    await teams.open_personal_chat()
    await teams.add_app_to_team(TEAM, "General")
    await teams.wait_for_card(WELCOME)
    await teams.open_channel(TEAM, "Programme admins")

    await teams.mention_bot("help")

    await teams.wait_for_card(HELP)
    await teams.screenshot("team-02-mention-help")
