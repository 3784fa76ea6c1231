"""The channel card of a rematch request or conflict report, updated in place for everyone."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from microsoft_teams.cards import CardElement, ExecuteAction, OpenUrlAction
from microsoft_teams.cards.core import Action

from cards.admin_cases import facts, message_input
from cards.base import actions_row, button, chat_link, header, paragraph, render
from cards.signup import notice_box
from teams_app.domain.admin_cases import CaseKind, CaseStatus, Outcome
from teams_app.services.case_views import CaseCardView

HIDDEN_NOTE = (
    "Their note: reason available in the dashboard (this channel is not private to administrators)."
)
OUTCOME_TEXT = {
    Outcome.APPROVED: "Approved: {new} has been asked to mentor {mentee}.",
    Outcome.DECLINED: "Declined: the pairing continues.",
    Outcome.ENDED: "The pairing was ended.",
    Outcome.KEPT: "The pairing was kept.",
}


def case_channel_card(view: CaseCardView) -> dict[str, Any]:
    """What the administrators' channel sees of a case, and what they can do about it."""
    title = (
        "Request for a new match"
        if view.kind is CaseKind.REMATCH
        else "Conflict of interest reported"
    )
    body: list[CardElement] = [*header(title, f"Case {view.case_id}")]
    if view.notice:
        body.append(notice_box(view.notice, "warning"))
    body.append(facts(_facts(view)))
    body.append(paragraph(_note_text(view), spacing="Medium"))
    if view.status is CaseStatus.DECIDED:
        body.append(notice_box(_outcome_line(view), "good"))
        return render(body, speak=title)
    if view.status is CaseStatus.MORE_INFO:
        body.append(paragraph("Waiting for the requester's answer.", is_subtle=True))
    return render([*body, *_decision_parts(view)], speak=title)


def _facts(view: CaseCardView) -> list[tuple[str, str]]:
    paired = _date(view.paired_at)
    rows = [
        ("Pair", f"{view.mentee_name} (mentee) with {view.mentor_name} (mentor)"),
        ("Paired on", paired),
        ("Sessions held", str(view.sessions_held)),
        ("Asked by", f"{view.requester_name} ({view.requester_role}), {_date(view.opened_at)}"),
    ]
    if view.kind is CaseKind.REMATCH:
        rows.append(("Reason given", view.category.label))
    return rows


def _note_text(view: CaseCardView) -> str:
    if view.note is None:
        return HIDDEN_NOTE
    return f"Their note: “{view.note}”" if view.note else "They added no note."


def _decision_parts(view: CaseCardView) -> list[CardElement]:
    data: dict[str, Any] = {"case": view.case_id, "version": view.version}
    parts: list[CardElement] = []
    if view.kind is CaseKind.REMATCH:
        parts.extend(_alternatives(view, data))
        parts.append(message_input("Message to the requester (for Decline or a question)"))
        buttons: list[Action] = [
            button("Decline with message", "case.decline", "destructive", **data),
            button("Ask for more information", "case.ask", **data),
        ]
    else:
        parts.append(message_input("Message to the reporter (optional for End or Keep)"))
        buttons = [
            button("End pairing", "case.end", "destructive", **data),
            button("Keep pairing", "case.keep", **data),
            button("Contact reporter", "case.ask", **data),
        ]
        if view.reporter_email:
            buttons.append(OpenUrlAction(title="Open chat", url=chat_link(view.reporter_email)))
    parts.append(actions_row(buttons))
    return parts


def _alternatives(view: CaseCardView, data: dict[str, Any]) -> list[CardElement]:
    if not view.alternatives:
        return [
            paragraph(
                "No alternative mentor has a place left who was not paired with or declined "
                "by this mentee before.",
                spacing="Medium",
            )
        ]
    parts: list[CardElement] = [paragraph("Alternative mentors", weight="Bolder", spacing="Medium")]
    approve: list[Action] = []
    for alternative in view.alternatives:
        places = "1 place" if alternative.spare == 1 else f"{alternative.spare} places"
        line = f"{alternative.name}: {places} left"
        if alternative.reasons:
            line += ". " + "; ".join(alternative.reasons)
        parts.append(paragraph(line, spacing="Small"))
        first = alternative.name.split(" ")[0]
        action: ExecuteAction = button(
            f"Approve with {first}", "case.approve", "positive", mentor=alternative.mentor, **data
        )
        action.associated_inputs = "none"
        approve.append(action)
    parts.append(actions_row(approve))
    return parts


def _outcome_line(view: CaseCardView) -> str:
    assert view.outcome is not None
    text = OUTCOME_TEXT[view.outcome].format(
        new=view.new_mentor_name or "the new mentor", mentee=view.mentee_name
    )
    who = view.decided_by_name or "an administrator"
    when = f", {_date(view.decided_at)}" if view.decided_at else ""
    line = f"{text} Decided by {who}{when}."
    if view.admin_message:
        line += f" Message sent: “{view.admin_message}”"
    return line


def _date(moment: datetime) -> str:
    # Plain text: fact values do not evaluate the card's DATE() function everywhere.
    return f"{moment.day} {moment.strftime('%b %Y')}"
