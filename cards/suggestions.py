"""The mentee's card: suggested mentors, the ranked choices, and where the requests stand;
the administrators' alert when a mentee has no mentor left to ask."""

from __future__ import annotations

from typing import Any

from microsoft_teams.cards import (
    CardElement,
    ChoiceSetInput,
    ExecuteAction,
    OpenUrlAction,
    TextBlock,
)
from microsoft_teams.cards import Choice as CardChoice
from microsoft_teams.cards.core import Action

from cards.base import VERB_HELP, button, chat_link, header, paragraph, render
from cards.matching_profile import profile_block
from cards.matching_verbs import (
    ORDINALS,
    VERB_CHOOSE,
    VERB_WITHDRAW_REQUEST,
    choice_input,
)
from cards.signup import notice_box, section_heading
from teams_app.domain.pairing import RequestStatus
from teams_app.services.matching_views import NoMentorLeftAlert, RequestLine, SuggestionsView

STATUS_WORDS = {
    RequestStatus.PENDING: "waiting for an answer",
    RequestStatus.ACCEPTED: "accepted",
    RequestStatus.DECLINED: "could not take you on",
    RequestStatus.EXPIRED: "did not answer in time",
    RequestStatus.FULL: "has no place left",
    RequestStatus.WITHDRAWN: "request withdrawn",
}


def suggestions_card(view: SuggestionsView) -> dict[str, Any]:
    """Suggested mentors with reasons; choices to rank while open, then the requests' progress."""
    subtitle = view.programme_name + (
        f" · new suggestions ({view.round})" if view.round > 1 else ""
    )
    body: list[CardElement] = [*header("Your suggested mentors", subtitle)]
    if view.notice:
        body.append(notice_box(view.notice, "warning"))
    if view.paired_with:
        body.append(notice_box(f"You are paired with {view.paired_with}. 🎉", "good"))
    elif view.open_for_choices:
        body.append(paragraph(_how_it_works(view), spacing="Small"))
    for option in view.options:
        # No "1." before the name: Teams' markdown would turn it into a numbered list.
        heading = option.profile.name
        if not option.available:
            heading += " — no longer available"
        body.append(profile_block(option.profile, option.reasons, heading))
    actions: list[ExecuteAction] = []
    if view.open_for_choices:
        body.extend(_choice_inputs(view))
        actions.append(button("Send my request", VERB_CHOOSE, "positive", version=view.version))
    elif view.requests and not view.paired_with:
        body.append(section_heading("Your requests", separator=True))
        body.extend(_request_line(line) for line in view.requests)
        if any(line.status is RequestStatus.PENDING for line in view.requests):
            actions.append(
                button("Withdraw my request", VERB_WITHDRAW_REQUEST, version=view.version)
            )
    actions.append(button("Help", VERB_HELP))
    return render(body, actions, speak="Your suggested mentors.")


def _how_it_works(view: SuggestionsView) -> str:
    return (
        f"Rank up to {view.choices_allowed} mentors below. We ask your first choice first; "
        f"each mentor has {view.response_days} days to answer, and if they cannot take you on "
        "we ask your next choice. Only your public profile and objective are shown to them."
    )


def _choice_inputs(view: SuggestionsView) -> list[CardElement]:
    elements: list[CardElement] = [section_heading("Your choices", separator=True)]
    if view.error:
        elements.append(TextBlock(text=view.error, color="Attention", wrap=True))
    options = [
        CardChoice(title=option.profile.name, value=option.profile.key)
        for option in view.options
        if option.available
    ]
    for rank in range(1, min(view.choices_allowed, len(options)) + 1):
        required = rank == 1
        label = f"{ORDINALS[rank - 1]} choice" + ("" if required else " (optional)")
        elements.append(
            ChoiceSetInput(
                id=choice_input(rank),
                label=label,
                choices=options,
                style="compact",
                is_required=required or None,
                error_message="Choose your first choice." if required else None,
                placeholder="Choose a mentor",
            )
        )
    return elements


def _request_line(line: RequestLine) -> TextBlock:
    text = (
        f"{ORDINALS[line.rank - 1] if line.rank <= 5 else line.rank} choice, {line.mentor_name}: "
    )
    text += STATUS_WORDS[line.status]
    if line.status is RequestStatus.PENDING and line.due_at is not None:
        stamp = line.due_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        text += f" (answer due by {{{{DATE({stamp}, SHORT)}}}} {{{{TIME({stamp})}}}})"
    if line.answer:
        text += f" — “{line.answer}”"
    color = "Good" if line.status is RequestStatus.ACCEPTED else "Default"
    return TextBlock(text=text, wrap=True, color=color, spacing="Small")


def no_mentor_left_card(view: NoMentorLeftAlert) -> dict[str, Any]:
    """To the administrators: a mentee has no mentor left to ask; someone needs to step in."""
    title = f"No mentor left for {view.mentee_name}"
    first = view.mentee_name.split(" ")[0]
    body: list[CardElement] = [
        *header(title),
        paragraph(
            f"None of the mentors {view.mentee_name} chose from suggestion round {view.round} "
            "could take them on (declined, no answer in time, or full), and Tandem found no "
            f"other mentor for them. {view.why}",
            spacing="Medium",
        ),
        paragraph(
            f"{first} has been told that the programme team will be in touch. You could "
            "ask a mentor to take one more mentee, or invite a new mentor to apply.",
        ),
    ]
    actions: list[Action] = []
    if view.mentee_email:
        actions.append(OpenUrlAction(title=f"Message {first}", url=chat_link(view.mentee_email)))
    actions.append(button("Help", VERB_HELP))
    return render(body, actions, speak=title)
