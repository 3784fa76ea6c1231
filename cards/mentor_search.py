"""The mentor search cards (search mode): filters and results, then one mentor's profile."""

from __future__ import annotations

from typing import Any

from microsoft_teams.cards import CardElement, ChoiceSetInput, ExecuteAction, TextBlock, TextInput
from microsoft_teams.cards import Choice as CardChoice

from cards.base import VERB_HELP, actions_row, button, header, paragraph, render
from cards.matching_profile import profile_block
from cards.matching_verbs import (
    MESSAGE_INPUT,
    VERB_SEARCH,
    VERB_SEARCH_PROFILE,
    VERB_SEARCH_REQUEST,
    filter_input,
)
from cards.signup import notice_box, section_heading
from teams_app.services.matching_views import MentorProfileView, SearchResultsView


def search_card(view: SearchResultsView) -> dict[str, Any]:
    """Filters at the top, then the mentors with a free place who fit, best first."""
    body: list[CardElement] = [*header("Find a mentor", view.programme_name)]
    if view.paired_with:
        body.append(notice_box(f"You are paired with {view.paired_with}.", "good"))
    elif view.pending_with:
        body.append(
            notice_box(f"Your request to {view.pending_with} is waiting for an answer.", "emphasis")
        )
    if view.notice:
        body.append(notice_box(view.notice, "warning"))
    for search_filter in view.filters:
        choices = [CardChoice(title=label, value=value) for value, label in search_filter.options]
        body.append(
            ChoiceSetInput(
                id=filter_input(search_filter.key),
                label=search_filter.label,
                choices=choices,
                style="compact",
                value=search_filter.selected or None,
                placeholder="Any",
            )
        )
    body.append(actions_row([button("Search", VERB_SEARCH, "positive")]))
    shown = len(view.results)
    count = f"{view.total} mentors fit" if view.total != 1 else "1 mentor fits"
    body.append(
        section_heading(f"{count}; the best {shown} first" if shown else count, separator=True)
    )
    if not view.results:
        body.append(paragraph("No mentor with a free place fits these filters. Try fewer filters."))
    for option in view.results:
        # The full profile is one click away ("View profile"): ten of them would not fit.
        block = profile_block(option.profile, option.reasons, option.profile.name, False)
        view_button = button("View profile", VERB_SEARCH_PROFILE, mentor=option.profile.key)
        view_button.associated_inputs = "none"
        block.items = [*(block.items or []), actions_row([view_button])]
        body.append(block)
    return render(body, [button("Help", VERB_HELP)], speak="Find a mentor.")


def mentor_profile_card(view: MentorProfileView) -> dict[str, Any]:
    """One mentor's profile; the request with an editable personal message."""
    profile = view.mentor.profile
    body: list[CardElement] = [*header(profile.name, view.programme_name)]
    body.append(profile_block(profile, view.mentor.reasons, "Profile"))
    for line in profile.lines:
        body.append(paragraph(line.label, is_subtle=True, spacing="Small"))
        body.append(paragraph(line.value, spacing="None"))
    actions: list[ExecuteAction] = []
    if view.error:
        body.append(TextBlock(text=view.error, color="Attention", wrap=True, spacing="Medium"))
    if view.can_request or view.error:
        body.append(
            TextInput(
                id=MESSAGE_INPUT,
                label=f"Your message to {profile.name.split(' ')[0]}",
                is_multiline=True,
                max_length=1000,
                value=view.message,
                is_required=True,
                error_message="Write a short message to the mentor.",
            )
        )
        actions.append(
            button("Request as mentor", VERB_SEARCH_REQUEST, "positive", mentor=profile.key)
        )
    elif not view.mentor.available:
        body.append(notice_box("This mentor cannot take a request from you now.", "emphasis"))
    back = button("Back to the search", VERB_SEARCH)
    back.associated_inputs = "none"
    actions.append(back)
    return render(body, actions, speak=profile.name)
