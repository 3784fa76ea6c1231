"""The mentor's card for a mentee's request: who is asking, why, and Accept or Decline."""

from __future__ import annotations

from typing import Any

from microsoft_teams.cards import CardElement, ExecuteAction, TextInput

from cards.base import button, header, paragraph, render
from cards.matching_profile import profile_block
from cards.matching_verbs import MESSAGE_INPUT, VERB_ACCEPT, VERB_DECLINE
from cards.signup import notice_box
from teams_app.domain.pairing import RequestStatus
from teams_app.services.matching_views import MentorRequestView

OUTCOMES = {
    RequestStatus.ACCEPTED: (
        "Accepted: you are paired. Your pairing card has the next steps.",
        "good",
    ),
    RequestStatus.DECLINED: (
        "Declined. The mentee has been told, and Tandem will help them find another mentor.",
        "emphasis",
    ),
    RequestStatus.EXPIRED: (
        "No answer arrived in time, so the request was closed; Tandem will help the mentee "
        "find another mentor.",
        "emphasis",
    ),
    RequestStatus.FULL: ("All your places are taken, so this request was passed on.", "emphasis"),
    RequestStatus.WITHDRAWN: ("The mentee withdrew this request.", "emphasis"),
}


def mentor_request_card(view: MentorRequestView) -> dict[str, Any]:
    """A request as the mentor sees it; answered or expired, it says so in place."""
    first = view.mentee.name.split(" ")[0] or "the mentee"
    body: list[CardElement] = [
        *header(f"{view.mentee.name} would like you as their mentor", view.programme_name)
    ]
    if view.notice:
        body.append(notice_box(view.notice, "warning"))
    if view.message:
        body.append(paragraph(f"{first} writes: “{view.message}”", spacing="Medium"))
    body.append(profile_block(view.mentee, view.reasons, view.mentee.name))
    actions: list[ExecuteAction] = []
    if view.status is RequestStatus.PENDING:
        stamp = view.due_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        body.append(
            paragraph(
                f"Please answer by {{{{DATE({stamp}, LONG)}}}}, {{{{TIME({stamp})}}}}. Without "
                f"an answer by then, the request passes to {first}'s next choice.",
                spacing="Medium",
            )
        )
        body.append(
            TextInput(
                id=MESSAGE_INPUT,
                label=f"A message to {first} if you decline (optional)",
                is_multiline=True,
                max_length=1000,
                placeholder="For example: my places are full this edition, but …",
            )
        )
        data = {"request": view.request_id, "version": view.version}
        accept = button("Accept", VERB_ACCEPT, "positive", **data)
        accept.associated_inputs = "none"
        actions = [accept, button("Decline", VERB_DECLINE, "destructive", **data)]
    else:
        text, style = OUTCOMES[view.status]
        body.append(notice_box(text, style))
    return render(body, actions, speak=f"{view.mentee.name} would like you as their mentor.")
