"""The no-contact nudges: a reminder to the mentee, a ping to the mentor, an alert to admins."""

from __future__ import annotations

from typing import Any

from microsoft_teams.cards import CardElement, OpenUrlAction
from microsoft_teams.cards.core import Action

from cards.base import VERB_HELP, button, chat_link, header, paragraph, render
from cards.matching_verbs import VERB_CONNECTED
from cards.session_verbs import NEW_CARD, VERB_SESSION_OFFERS
from teams_app.services.nudge_views import (
    AdminAlertView,
    MenteeReminderView,
    MentorPingView,
    UnreachableView,
)

_WHY = {403: "Tandem is blocked for them or was removed", 404: "their chat with Tandem is gone"}


def mentee_reminder_card(view: MenteeReminderView) -> dict[str, Any]:
    """Day 3: the relationship is the mentee's to drive, so the mentee hears first."""
    first = view.mentor_name.split(" ")[0]
    title = f"Have you written to {first} yet?"
    body: list[CardElement] = [
        *header(title),
        paragraph(
            f"You were paired with {view.mentor_name} {view.days} days ago. The first step is "
            f"yours: a short message to {first} proposing a first meeting is all it takes.",
            spacing="Medium",
        ),
    ]
    actions: list[Action] = [_connected_button(view.pairing_id), button("Help", VERB_HELP)]
    return render(body, actions, speak=title)


def mentor_ping_card(view: MentorPingView) -> dict[str, Any]:
    """Day 7: the mentor is invited to reach out, or to tell us the pair has met."""
    first = view.mentee_name.split(" ")[0]
    title = f"{view.mentee_name} has not been in touch yet"
    body: list[CardElement] = [
        *header(title),
        paragraph(
            f"It has been {view.days} days since you were paired. Mentees sometimes hesitate "
            f"to write first: a friendly message from you can get things going.",
            spacing="Medium",
        ),
    ]
    actions: list[Action] = []
    if view.mentee_email:
        link = chat_link(view.mentee_email)
        actions.append(OpenUrlAction(title=f"Message {first}", url=link))
    schedule = {"pairing": view.pairing_id, NEW_CARD: True}
    actions.append(button("Schedule a session", VERB_SESSION_OFFERS, None, **schedule))
    actions.append(_connected_button(view.pairing_id))
    return render(body, actions, speak=title)


def admin_alert_card(view: AdminAlertView) -> dict[str, Any]:
    """Day 14: the administrators learn that a pair has had no contact."""
    title = "A pair has had no contact"
    body: list[CardElement] = [
        *header(title),
        paragraph(
            f"{view.mentee_name} (mentee) and {view.mentor_name} (mentor) were paired "
            f"{view.days} days ago and neither has reported contact. Both were reminded.",
            spacing="Medium",
        ),
    ]
    return render(body, [button("Help", VERB_HELP)], speak=title)


def unreachable_card(view: UnreachableView) -> dict[str, Any]:
    """A person Tandem cannot reach in Teams: the administrators are asked to help."""
    title = "Tandem cannot reach someone"
    why = _WHY.get(view.status or 0, "Teams refused the message")
    tried = (
        "Installing Tandem for them did not help."
        if view.tried_install
        else "Tandem could not install itself for them: that needs Microsoft Graph "
        "(TANDEM_GRAPH_AUTH) and the app's catalog id (TANDEM_TEAMS_APP_CATALOG_ID)."
    )
    body: list[CardElement] = [
        *header(title),
        paragraph(
            f"A message to {view.person_name} ({view.person_email}) did not arrive: {why}. "
            f"{tried} Please ask them to open Tandem in Teams (Apps, then Tandem), or install "
            "it for them from the Teams admin center, so their reminders reach them.",
            spacing="Medium",
        ),
    ]
    return render(body, [button("Help", VERB_HELP)], speak=title)


def _connected_button(pairing_id: int) -> Action:
    return button("We've already connected", VERB_CONNECTED, "positive", pairing=pairing_id)
