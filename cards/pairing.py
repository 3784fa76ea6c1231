"""The pairing card: who your mentor or mentee is, and how to begin."""

from __future__ import annotations

from typing import Any

from microsoft_teams.cards import CardElement, OpenUrlAction
from microsoft_teams.cards.core import Action

from cards.base import VERB_HELP, button, chat_link, header, paragraph, render
from cards.matching_profile import profile_block
from cards.matching_verbs import VERB_SEARCH
from cards.session_verbs import NEW_CARD, VERB_SESSION_OFFERS
from cards.signup import bullet_list, notice_box, section_heading
from teams_app.domain.programme import Role
from teams_app.services.matching_views import MatchingNotice, PairingView


def pairing_card(view: PairingView) -> dict[str, Any]:
    """Both people get one: the partner's public profile, the first steps and the checklists."""
    partner = view.partner
    is_mentee = view.viewer_role is Role.MENTEE
    title = f"Meet your {'mentor' if is_mentee else 'mentee'}: {partner.name}"
    body: list[CardElement] = [*header(title, view.programme_name)]
    body.append(notice_box(_first_step(view, partner.name.split(" ")[0]), "good"))
    body.append(profile_block(partner, (), partner.name))
    if partner.email:
        body.append(paragraph(f"E-mail: {partner.email}", spacing="Small"))
    body.append(section_heading("Checklist for your first encounter", separator=True))
    body.append(bullet_list(view.checklist))
    body.append(section_heading("Questions for the first meeting"))
    body.append(bullet_list(view.questions))
    body.append(paragraph(f"Questions or concerns? Contact {view.contact}.", spacing="Medium"))
    actions: list[Action] = []
    if view.pairing_id is not None:
        data = {"pairing": view.pairing_id, NEW_CARD: True}
        actions.append(button("Schedule a session", VERB_SESSION_OFFERS, "positive", **data))
    if partner.email:
        link = chat_link(partner.email)
        actions.append(OpenUrlAction(title=f"Message {partner.name.split(' ')[0]}", url=link))
    actions.append(button("Help", VERB_HELP))
    return render(body, actions, speak=title)


def matching_notice_card(view: MatchingNotice) -> dict[str, Any]:
    """A short matching message."""
    body: list[CardElement] = [*header(view.title), paragraph(view.text, spacing="Medium")]
    actions: list[Action] = []
    if view.offer == "find_mentor":
        actions.append(button("Search again", VERB_SEARCH, "positive"))
    actions.append(button("Help", VERB_HELP))
    return render(body, actions, speak=view.title)


def _first_step(view: PairingView, first_name: str) -> str:
    start = f" The programme starts on {view.starts_on}." if view.starts_on else ""
    if view.viewer_role is Role.MENTEE:
        how = (
            "press Schedule a session to book your first meeting"
            if view.pairing_id is not None
            else "write to them this week to set up your first meeting"
        )
        return f"The relationship is yours to drive: say hello to {first_name} and {how}.{start}"
    return (
        f"{first_name} will get in touch to set up your first meeting. If you have not heard "
        f"within a week, reach out yourself.{start}"
    )
