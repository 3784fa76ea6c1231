"""Pieces of the session cards: the agenda of the pair's phase and the two local times."""

from __future__ import annotations

from microsoft_teams.cards import (
    AdaptiveCard,
    CardElement,
    Container,
    Fact,
    FactSet,
    ShowCardAction,
)

from cards.base import actions_row, paragraph
from cards.signup import bullet_list, section_heading
from teams_app.domain.agendas import Agenda


def agenda_block(agenda: Agenda) -> Container:
    """The phase's agenda; longer lists (questions, exercises) fold behind a button each."""
    items: list[CardElement] = [
        section_heading(f"Agenda · {agenda.phase_title}", separator=True),
        bullet_list(agenda.items),
    ]
    folded = [
        ShowCardAction(
            title=section.title,
            card=AdaptiveCard(body=[bullet_list(section.items)]),
        )
        for section in agenda.sections
    ]
    if folded:
        items.append(actions_row(folded))
    return Container(items=items, spacing="Medium")


def times_facts(viewer_time: str, partner_name: str, partner_time: str) -> FactSet:
    """When it is for the viewer and for the partner, each in their own time zone."""
    partner = partner_name.split(" ")[0]
    return FactSet(
        facts=[
            Fact(title="Your time", value=viewer_time),
            Fact(title=f"{partner}'s time", value=partner_time),
        ]
    )


def slot_lines(viewer_time: str, partner_name: str, partner_time: str) -> list[CardElement]:
    """A slot as a bold line in the viewer's time and a quiet line in the partner's."""
    partner = partner_name.split(" ")[0]
    return [
        paragraph(viewer_time, weight="Bolder"),
        paragraph(f"{partner}: {partner_time}", is_subtle=True, spacing="None"),
    ]
