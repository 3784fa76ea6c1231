"""Short cards that answer what Tandem cannot do: unknown buttons, stray text, errors."""

from __future__ import annotations

from typing import Any

from cards.base import VERB_HELP, button, header, paragraph, render


def unknown_action_card() -> dict[str, Any]:
    """Answer to a button Tandem does not recognise (an old card, or a tampered one)."""
    body = [
        *header("That button is no longer available"),
        paragraph(
            "This card may be from an earlier version of Tandem. Nothing was changed. "
            "Type “help” to see what you can do now."
        ),
    ]
    return render(body, [button("Help", VERB_HELP)])


def unknown_text_card(text_was_long: bool) -> dict[str, Any]:
    """A friendly pointer to help when typed text is not a command."""
    hint = (
        "That message is longer than any command."
        if text_was_long
        else "I didn't recognise that as a command."
    )
    body = [paragraph(f"{hint} Type “help”, or press the button, to see what I can do.")]
    return render(body, [button("Help", VERB_HELP)])


def not_available_card(what: str, contact: str) -> dict[str, Any]:
    """A command Tandem knows but this installation does not offer yet."""
    body = [
        *header(f"“{what}” is not available yet"),
        paragraph(
            f"This part of the programme is not open in Teams yet. Your programme administrators "
            f"can help in the meantime: {contact}."
        ),
    ]
    return render(body, [button("Help", VERB_HELP)])


def error_card() -> dict[str, Any]:
    """What a person sees when Tandem failed on their request."""
    body = [
        *header("Something went wrong on our side"),
        paragraph("Your request was not completed and nothing was changed. Please try again."),
    ]
    return render(body)
