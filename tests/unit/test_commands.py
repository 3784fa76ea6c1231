from hypothesis import given
from hypothesis import strategies as st

from teams_app.domain.commands import PERSONAL_COMMANDS, Command, parse_command


def test_typed_help_in_any_case_and_punctuation_is_help() -> None:
    for text in ("help", "HELP", " Help! ", "help.", "?", "Hello"):
        assert parse_command(text) is Command.HELP, text


def test_sign_up_variants_name_the_role_when_given() -> None:
    assert parse_command("sign up") is Command.SIGN_UP
    assert parse_command("Sign-up as a mentee") is Command.SIGN_UP_MENTEE
    assert parse_command("sign up as mentor") is Command.SIGN_UP_MENTOR


def test_every_listed_command_is_understood_when_typed_as_listed() -> None:
    for item in PERSONAL_COMMANDS:
        assert parse_command(item.command.value) is item.command


def test_unrecognised_empty_and_overlong_text_is_unknown() -> None:
    assert parse_command("what's for lunch") is Command.UNKNOWN
    assert parse_command("") is Command.UNKNOWN
    assert parse_command(None) is Command.UNKNOWN
    assert parse_command("help " * 100) is Command.UNKNOWN


@given(st.text(max_size=500))
def test_any_text_maps_to_a_command_without_raising(text: str) -> None:
    assert isinstance(parse_command(text), Command)
