"""`my registration`: a person's own applications and answers, and short sign-up notices."""

from __future__ import annotations

from typing import Any

from microsoft_teams.cards import CardElement, Container, ExecuteAction, TextBlock

from cards.base import VERB_HELP, actions_row, button, header, paragraph, render
from cards.signup import answer_section, notice_box, section_heading, sign_up_button
from cards.signup_verbs import VERB_EDIT, VERB_WITHDRAW
from teams_app.domain.applications import ApplicationStatus
from teams_app.domain.programme import Role
from teams_app.services.signup_views import ApplicationSummary, NoticeView, RegistrationView

STATUS_TEXT = {
    ApplicationStatus.DRAFT: ("Draft — not submitted yet", "Warning"),
    # Default colour: Teams' green on the tinted band was hard to read in the light theme.
    ApplicationStatus.SUBMITTED: ("✓ Submitted", "Default"),
    ApplicationStatus.WITHDRAWN: ("Withdrawn", "Default"),
}


def registration_card(view: RegistrationView) -> dict[str, Any]:
    """Each application with its status and answers, and what the person may still change."""
    body: list[CardElement] = [*header("My registration", view.programme_name)]
    if not view.applications:
        body.append(
            paragraph(
                "You have not applied to this edition yet. Sign up below; it takes a few minutes.",
                spacing="Medium",
            )
        )
        actions = [sign_up_button(Role.MENTEE, "positive"), sign_up_button(Role.MENTOR)]
        return render(body, actions, speak="You have not applied yet.")
    if view.locked_reason:
        # At the top: it explains why no application below has buttons.
        text = f"{view.locked_reason} To change anything now, contact {view.contact}."
        body.append(notice_box(text, "emphasis"))
    for application in view.applications:
        body.extend(_application(application))
    return render(body, speak="Your registration.")


def notice_card(view: NoticeView) -> dict[str, Any]:
    """A short message, with the sign-up buttons when signing up is the way forward."""
    body: list[CardElement] = [*header(view.title), paragraph(view.text, spacing="Medium")]
    actions: list[ExecuteAction] = []
    if view.offer_sign_up:
        actions = [sign_up_button(Role.MENTEE, "positive"), sign_up_button(Role.MENTOR)]
    else:
        actions = [button("Help", VERB_HELP)]
    return render(body, actions, speak=view.title)


def _application(application: ApplicationSummary) -> list[CardElement]:
    summary = application.summary
    status, color = STATUS_TEXT[summary.status]
    # A tinted band opens each application, and its buttons sit right there: the answers
    # below can run long, and two applications must not blur into one.
    top: list[CardElement] = [
        section_heading(f"{summary.role.value.capitalize()} application", size="Medium"),
        TextBlock(text=status, color=color, weight="Bolder", spacing="None", wrap=True),
    ]
    if application.can_change:
        top.append(actions_row(_change_buttons(application)))
    elements: list[CardElement] = [Container(items=top, style="emphasis", spacing="Large")]
    for section in summary.sections:
        elements.extend(answer_section(section))
    return elements


def _change_buttons(application: ApplicationSummary) -> list[ExecuteAction]:
    summary = application.summary
    data: dict[str, Any] = {"role": summary.role.value, "version": summary.version}
    buttons: list[ExecuteAction] = []
    if summary.sections:
        first = summary.sections[0].step.id
        buttons.append(button("Edit my answers", VERB_EDIT, step=first, **data))
    if summary.status is not ApplicationStatus.WITHDRAWN:
        buttons.append(button("Withdraw", VERB_WITHDRAW, "destructive", **data))
    return buttons
