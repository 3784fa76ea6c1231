"""The follow-up cards of a pair: the cadence nudge and the phase prompts (action plan after
session 2, reflection before the last session). The session reminder is the session card."""

from __future__ import annotations

from typing import Any

from microsoft_teams.cards import CardElement
from microsoft_teams.cards.core import Action

from cards.base import VERB_HELP, button, header, paragraph, render
from cards.session_verbs import NEW_CARD, VERB_SESSION_OFFERS
from cards.signup import bullet_list, section_heading
from cards.survey import survey_card_for
from teams_app.domain.programme import Role
from teams_app.services.follow_up_views import CadenceNudgeView, PhasePromptView


def cadence_nudge_card(view: CadenceNudgeView) -> dict[str, Any]:
    """No session for a while: a friendly push to book the next one."""
    partner = view.partner_name.split(" ")[0]
    title = f"Time for your next session with {partner}?"
    lead = (
        "As the mentee, you lead the scheduling: pick a time that suits you both."
        if view.role is Role.MENTEE
        else f"{partner} has not booked one yet: a word from you, or a time you propose, helps."
    )
    body: list[CardElement] = [
        *header(title, view.programme_name),
        paragraph(
            f"Your last session with {partner} was {view.days} days ago and none is booked. {lead}",
            spacing="Medium",
        ),
        paragraph(f"Sessions held so far: {view.held} of {view.planned}.", spacing="Small"),
    ]
    if view.rhythm:
        body.append(paragraph(view.rhythm, is_subtle=True, spacing="Small"))
    actions: list[Action] = [_schedule_button(view.pairing_id), button("Help", VERB_HELP)]
    return render(body, actions, speak=title)


def phase_prompt_card(view: PhasePromptView) -> dict[str, Any]:
    """A new phase: the action plan to write, or the reflection before the last session."""
    partner = view.partner_name.split(" ")[0]
    if view.reflection:
        title = "Your last session is coming up"
        text = (
            f"Before you meet {partner} for the last time in this programme, take a moment "
            "to look back on what you accomplished together and what comes next."
        )
    else:
        title = "Time to write your action plan"
        text = (
            f"You and {partner} have held two sessions. Now is a good time to agree goals and "
            "concrete actions, and to write them down: your Mentorship Agreement."
        )
        if view.role is Role.MENTOR:
            text += f" {partner} leads it; your experience helps shape realistic actions."
    body: list[CardElement] = [*header(title, view.programme_name)]
    body.append(paragraph(text, spacing="Medium"))
    if view.items:
        body.append(section_heading(view.phase_title or "For your next session"))
        body.append(bullet_list(view.items))
    actions: list[Action] = [_schedule_button(view.pairing_id), button("Help", VERB_HELP)]
    return render(body, actions, speak=title)


def follow_up_card_for(view: object) -> dict[str, Any] | None:
    """The follow-up card of a view; None when the view is not a follow-up."""
    if isinstance(view, CadenceNudgeView):
        return cadence_nudge_card(view)
    if isinstance(view, PhasePromptView):
        return phase_prompt_card(view)
    return survey_card_for(view)


def _schedule_button(pairing_id: int) -> Action:
    data = {"pairing": pairing_id, NEW_CARD: True}
    return button("Schedule a session", VERB_SESSION_OFFERS, "positive", **data)
