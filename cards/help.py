"""The help card: the commands a person can type."""

from __future__ import annotations

from typing import Any

from microsoft_teams.cards import Fact, FactSet

from cards.base import VERB_SIGN_UP_MENTEE, VERB_SIGN_UP_MENTOR, button, header, paragraph, render
from teams_app.services.onboarding import HelpView


def help_card(view: HelpView) -> dict[str, Any]:
    """Every command with what it does."""
    how = (
        "In a channel, @mention Tandem before the command, for example “@Tandem help”."
        if view.in_team
        else "Type a command below, or use the buttons."
    )
    body = [
        *header("How Tandem can help", view.programme_name),
        paragraph(how, spacing="Medium"),
        FactSet(facts=[Fact(title=c.command.value, value=c.description) for c in view.commands]),
    ]
    actions = [
        button("Sign up as mentee", VERB_SIGN_UP_MENTEE, style="positive"),
        button("Sign up as mentor", VERB_SIGN_UP_MENTOR),
    ]
    return render(body, actions, speak="Here is what Tandem can do.")
