"""The sign-up cards: one per questionnaire step, the review, the confirmation and refusals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from microsoft_teams.cards import (
    CardElement,
    Column,
    ColumnSet,
    Container,
    ExecuteAction,
    TextBlock,
)

from cards.base import (
    VERB_HELP,
    VERB_SIGN_UP_MENTEE,
    VERB_SIGN_UP_MENTOR,
    actions_row,
    button,
    header,
    paragraph,
    render,
)
from cards.signup_inputs import field_elements
from cards.signup_verbs import (
    VERB_BACK,
    VERB_EDIT,
    VERB_NEXT,
    VERB_SHOW_REGISTRATION,
    VERB_SUBMIT,
)
from teams_app.domain.applications import ApplicationStatus
from teams_app.domain.programme import Role
from teams_app.domain.questionnaire import Visibility
from teams_app.services.signup_views import (
    ConfirmationView,
    RefusalView,
    StepView,
    SummarySection,
    SummaryView,
)

CONFIDENTIAL_NOTE = (
    "Optional and confidential: only the programme administrators see these answers; "
    "they are encrypted and never shown to your match."
)


def step_card(view: StepView) -> dict[str, Any]:
    """One step of the questionnaire: its questions as inputs, with Back and Next."""
    body: list[CardElement] = [
        *header(
            f"Sign up as {view.role.value}",
            f"Step {view.index} of {view.total} · {view.programme_name}",
        )
    ]
    if view.notice:
        body.append(notice_box(view.notice, "warning"))
    if view.greeting:
        body.append(notice_box(view.greeting, "emphasis"))
    body.append(section_heading(view.step.title, size="Medium"))
    if view.step.intro:
        body.append(paragraph(view.step.intro, spacing="Small"))
    if any(f.question.visibility is Visibility.CONFIDENTIAL for f in view.fields):
        body.append(notice_box(CONFIDENTIAL_NOTE, "emphasis"))
    for field in view.fields:
        body.extend(field_elements(field))
    data: dict[str, Any] = {"role": view.role.value, "step": view.step.id, "version": view.version}
    actions: list[ExecuteAction] = []
    if view.index > 1:
        back = button("Back", VERB_BACK, **data)
        back.associated_inputs = "none"  # going back must not demand this step's answers
        actions.append(back)
    last = view.index >= view.total or view.returns_to_summary
    actions.append(button("Review my answers" if last else "Next", VERB_NEXT, "positive", **data))
    speak = f"Step {view.index} of {view.total}: {view.step.title}."
    return render(body, actions, speak=speak)


def summary_card(view: SummaryView) -> dict[str, Any]:
    """Every answer, step by step with an Edit button, before submitting or saving."""
    submitted = view.status is ApplicationStatus.SUBMITTED
    body: list[CardElement] = [
        *header("Review your answers", f"{view.programme_name} · {view.role.value} application")
    ]
    if submitted:
        body.append(
            paragraph("Your application is submitted. Edit a section, then save your changes.")
        )
    if view.missing:
        body.append(still_needed(view.missing))
    data: dict[str, Any] = {"role": view.role.value, "version": view.version}
    for section in view.sections:
        body.extend(answer_section(section))
        edit = button(f"Edit “{section.step.title}”", VERB_EDIT, step=section.step.id, **data)
        edit.tooltip = f"Edit “{section.step.title}”"  # six "Edit" buttons need telling apart
        body.append(actions_row([edit]))
    title = "Save changes" if submitted else "Submit application"
    return render(body, [button(title, VERB_SUBMIT, "positive", **data)], speak=title)


def confirmation_card(view: ConfirmationView) -> dict[str, Any]:
    """What happens after a submission (or a saved change)."""
    title = "Your changes are saved" if view.changes_saved else "Thank you — your application is in"
    body: list[CardElement] = [
        *header(title, f"{view.programme_name} · {view.role.value} application")
    ]
    if view.next_steps:
        body.append(section_heading("What happens next"))
        body.append(bullet_list(view.next_steps))
    body.append(paragraph(f"Questions? Contact {view.contact}.", spacing="Medium"))
    actions = [button("My registration", VERB_SHOW_REGISTRATION)]
    return render(body, actions, speak=title)


def refusal_card(view: RefusalView) -> dict[str, Any]:
    """Why someone cannot apply in this role now, with the other role when it is open."""
    title = f"You can't apply as a {view.role.value} right now"
    body: list[CardElement] = [*header(title, view.programme_name)]
    body.extend(paragraph(reason, spacing="Medium") for reason in view.reasons)
    actions: list[ExecuteAction] = []
    if view.suggested_role is not None:
        actions.append(sign_up_button(view.suggested_role, "positive"))
    actions.append(button("Help", VERB_HELP))
    return render(body, actions, speak=title)


def answer_section(section: SummarySection) -> list[CardElement]:
    """A step's answers read back: its title, then each question with the answer under it."""
    # Not a FactSet: questions are full sentences, and a FactSet's narrow title column
    # breaks them into a word a line.
    elements: list[CardElement] = [section_heading(section.step.title, separator=True)]
    if not section.lines:
        elements.append(paragraph("Not answered yet.", is_subtle=True, spacing="Small"))
        return elements
    for line in section.lines:
        label = f"{line.label} (confidential)" if line.confidential else line.label
        elements.append(paragraph(label, is_subtle=True, spacing="Small"))
        elements.append(paragraph(line.value or "—", spacing="None"))
    return elements


def sign_up_button(role: Role, style: str | None = None) -> ExecuteAction:
    """The button that starts (or resumes) the questionnaire for `role`."""
    verb = VERB_SIGN_UP_MENTOR if role is Role.MENTOR else VERB_SIGN_UP_MENTEE
    return button(f"Sign up as {role.value}", verb, style)


def section_heading(text: str, size: str = "Default", separator: bool = False) -> TextBlock:
    """A bold line that opens a part of a card."""
    return TextBlock(
        text=text,
        weight="Bolder",
        size=size,
        wrap=True,
        spacing="Large" if separator else "Medium",
        separator=separator or None,
    )


def notice_box(text: str, style: str) -> Container:
    """A message set apart in a tinted box (warning, or emphasis for a quiet note)."""
    return Container(
        items=[paragraph(text)],
        style=style,
        spacing="Medium",
    )


def still_needed(labels: Sequence[str]) -> Container:
    """The required answers still missing, in the Attention colour."""
    return Container(
        items=[
            paragraph("Still needed:", color="Attention", weight="Bolder"),
            bullet_list(labels, color="Attention"),
        ],
        spacing="Medium",
    )


def bullet_list(items: Sequence[str], **style: Any) -> Container:
    """Items with a hanging bullet, so a long item wraps under its own text."""
    # Columns rather than a markdown list: Teams' markdown lists vary between clients.
    rows = [
        ColumnSet(
            columns=[
                Column(width="auto", items=[paragraph("•", **style)]),
                Column(width="stretch", items=[paragraph(item, **style)]),
            ],
            spacing="Small",
        )
        for item in items
    ]
    return Container(items=list(rows), spacing="Small")
