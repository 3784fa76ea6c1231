"""Rematch and conflict cards: the participant's form and notices, the administrators' card."""

from __future__ import annotations

from typing import Any

from microsoft_teams.cards import (
    CardElement,
    ChoiceSetInput,
    ExecuteAction,
    Fact,
    FactSet,
    TextInput,
)
from microsoft_teams.cards import Choice as CardChoice
from microsoft_teams.cards.core import Action

from cards.admin_verbs import (
    CATEGORY_INPUT,
    MESSAGE_INPUT,
    NOTE_INPUT,
    PAIRING_INPUT,
    REPLY_INPUT,
    VERB_CASE_REPLY,
    VERB_CASE_SUBMIT,
)
from cards.base import VERB_HELP, button, header, paragraph, render
from cards.signup import notice_box
from teams_app.domain.admin_cases import MAX_NOTE, CaseKind
from teams_app.services.case_views import CaseFormView, CaseNotice

FORM_TITLES = {
    CaseKind.REMATCH: "Ask for a new match",
    CaseKind.CONFLICT: "Report a conflict of interest",
}
FORM_INTROS = {
    CaseKind.REMATCH: (
        "If your pairing is not working, the programme administrators can arrange a new one. "
        "Your partner will only hear that the pairing changed: not that you asked, nor why."
    ),
    CaseKind.CONFLICT: (
        "A conflict of interest (for example a supervisory line, a recruitment you take part "
        "in, or a close relationship) goes to the programme administrators at once. Your "
        "partner is not told that you reported it."
    ),
}


def case_form_card(view: CaseFormView) -> dict[str, Any]:
    """The participant's form; on bad input the same form with values kept and the problem."""
    body: list[CardElement] = [*header(FORM_TITLES[view.kind])]
    body.append(paragraph(FORM_INTROS[view.kind], spacing="Medium"))
    if view.error:
        body.append(notice_box(view.error, "attention"))
    choices = [CardChoice(title=name, value=str(pid)) for pid, name in view.partners]
    body.append(
        ChoiceSetInput(
            id=PAIRING_INPUT,
            label="Which pairing is this about?",
            choices=choices,
            value=str(view.pairing_id) if view.pairing_id is not None else None,
            is_required=True,
            error_message="Choose the pairing.",
            style="expanded",
        )
    )
    if view.categories:
        body.append(
            ChoiceSetInput(
                id=CATEGORY_INPUT,
                label="Why would you like a new match?",
                choices=[CardChoice(title=c.label, value=c.value) for c in view.categories],
                value=view.category,
                is_required=True,
                error_message="Choose a reason.",
                style="expanded",
            )
        )
    body.append(
        TextInput(
            id=NOTE_INPUT,
            label="Anything the administrators should know (optional, confidential)",
            is_multiline=True,
            max_length=MAX_NOTE,
            value=view.note or None,
            placeholder="Only the programme administrators read this.",
        )
    )
    send = button("Send to the programme team", VERB_CASE_SUBMIT, "positive", kind=view.kind.value)
    return render(body, [send, button("Help", VERB_HELP)], speak=FORM_TITLES[view.kind])


def case_notice_card(view: CaseNotice) -> dict[str, Any]:
    """A short message to a participant; with a reply box when the team asked a question."""
    body: list[CardElement] = [*header(view.title), paragraph(view.text, spacing="Medium")]
    actions: list[Action] = []
    if view.reply_case is not None:
        body.append(
            TextInput(
                id=REPLY_INPUT,
                label="Your answer to the programme team (confidential)",
                is_multiline=True,
                max_length=MAX_NOTE,
                is_required=True,
                error_message="Type your answer first.",
            )
        )
        reply = ExecuteAction(
            title="Send answer",
            verb=VERB_CASE_REPLY,
            data={"verb": VERB_CASE_REPLY, "case": view.reply_case, "version": view.reply_version},
        )
        reply.style = "positive"
        actions.append(reply)
    return render(body, actions, speak=view.title)


def message_input(label: str) -> TextInput:
    """The administrators' message box on a channel card."""
    return TextInput(id=MESSAGE_INPUT, label=label, is_multiline=True, max_length=1000)


def facts(pairs: list[tuple[str, str]]) -> FactSet:
    """A fact set from (title, value) pairs."""
    return FactSet(facts=[Fact(title=title, value=value) for title, value in pairs])
