"""The welcome card: what the programme is and how to join it."""

from __future__ import annotations

from typing import Any

from cards.base import (
    VERB_HELP,
    VERB_SIGN_UP_MENTEE,
    VERB_SIGN_UP_MENTOR,
    button,
    header,
    paragraph,
    render,
)
from teams_app.services.onboarding import WelcomeView


def welcome_card(view: WelcomeView) -> dict[str, Any]:
    """The card sent when Tandem is installed for a person or added to a team."""
    months = f"{view.duration_months} month" + ("" if view.duration_months == 1 else "s")
    body = [
        *header(f"Welcome to {view.programme_name}", f"{view.organisation} · {months}"),
        paragraph(view.summary, spacing="Medium"),
    ]
    if view.in_team:
        body.append(
            paragraph(
                "Team members can join from here; everyone's answers stay private between "
                "them and the programme administrators.",
                is_subtle=True,
            )
        )
    else:
        body.append(
            paragraph(
                "Your questionnaire answers are seen only by the programme administrators. "
                "The person you are matched with sees just your public profile.",
                is_subtle=True,
            )
        )
    actions = [
        button("Sign up as mentee", VERB_SIGN_UP_MENTEE, style="positive"),
        button("Sign up as mentor", VERB_SIGN_UP_MENTOR),
        button("Help", VERB_HELP),
    ]
    return render(body, actions, speak=f"Welcome to {view.programme_name}.")
