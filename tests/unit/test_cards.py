"""Every card builder's output validates against the Adaptive Card 1.5 schema."""

from cards.help import help_card
from cards.notices import error_card, not_available_card, unknown_action_card, unknown_text_card
from cards.welcome import welcome_card
from teams_app.domain.commands import PERSONAL_COMMANDS
from teams_app.services.onboarding import HelpView, WelcomeView
from tests.card_schema import assert_valid_card

WELCOME = WelcomeView(
    programme_name="Together",
    organisation="United Nations",
    summary="A four-month mentoring programme.",
    duration_months=4,
    in_team=False,
)


def _buttons(card: dict) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(a["title"], a["verb"]) for a in card.get("actions", [])]


def test_welcome_card_offers_both_sign_ups_and_help() -> None:
    card = welcome_card(WELCOME)
    assert_valid_card(card)
    assert _buttons(card) == [
        ("Sign up as mentee", "signup.mentee"),
        ("Sign up as mentor", "signup.mentor"),
        ("Help", "help"),
    ]
    assert all(a["type"] == "Action.Execute" for a in card["actions"])
    assert card["body"][0]["text"] == "Welcome to Together"
    assert "4 months" in card["body"][1]["text"]


def test_welcome_card_in_a_team_speaks_to_the_team() -> None:
    card = welcome_card(WELCOME.__class__(**{**WELCOME.__dict__, "in_team": True}))
    assert_valid_card(card)
    assert "Team members" in card["body"][3]["text"]


def test_help_card_lists_every_command() -> None:
    for in_team in (False, True):
        card = help_card(HelpView("Together", PERSONAL_COMMANDS, in_team))
        assert_valid_card(card)
        facts = card["body"][3]["facts"]
        assert [f["title"] for f in facts] == [c.command.value for c in PERSONAL_COMMANDS]
    assert "@mention" in help_card(HelpView("Together", PERSONAL_COMMANDS, True))["body"][2]["text"]


def test_notice_cards_validate() -> None:
    for card in (
        unknown_action_card(),
        unknown_text_card(text_was_long=True),
        unknown_text_card(text_was_long=False),
        not_available_card("Schedule", "mentoring@example.org"),
        error_card(),
    ):
        assert_valid_card(card)
