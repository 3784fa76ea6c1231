"""The verbs of the matching buttons, and the ids of their inputs."""

from __future__ import annotations

from collections.abc import Mapping

VERB_MY_SUGGESTIONS = "matching.suggestions"
VERB_CHOOSE = "matching.choose"
VERB_WITHDRAW_REQUEST = "matching.withdraw"
VERB_ACCEPT = "matching.accept"
VERB_DECLINE = "matching.decline"
VERB_SEARCH = "search.run"
VERB_SEARCH_PROFILE = "search.profile"
VERB_SEARCH_REQUEST = "search.request"
SEARCH_VERBS = frozenset({VERB_SEARCH, VERB_SEARCH_PROFILE, VERB_SEARCH_REQUEST})
VERB_CONNECTED = "nudge.connected"  # "We've already connected" on a nudge card
MATCHING_VERBS = (
    frozenset({VERB_MY_SUGGESTIONS, VERB_CHOOSE, VERB_WITHDRAW_REQUEST, VERB_ACCEPT, VERB_DECLINE})
    | SEARCH_VERBS
    | {VERB_CONNECTED}
)

CHOICE_PREFIX = "choice."
FILTER_PREFIX = "filter."
MESSAGE_INPUT = "message"
ORDINALS = ("First", "Second", "Third", "Fourth", "Fifth")


def choice_input(rank: int) -> str:
    """The id of the input holding the mentee's `rank`-th choice (1-based)."""
    return f"{CHOICE_PREFIX}{rank}"


def choices_from_data(data: Mapping[str, object], allowed: int) -> list[str]:
    """The ranked mentor keys an invoke carried, first choice first, blanks dropped."""
    picked = []
    for rank in range(1, allowed + 1):
        value = data.get(choice_input(rank))
        if isinstance(value, str) and value.strip():
            picked.append(value.strip())
    return picked


def filter_input(key: str) -> str:
    """The id of the search filter input for `key`."""
    return FILTER_PREFIX + key


def filters_from_data(data: Mapping[str, object]) -> dict[str, str]:
    """The search filters an invoke carried, by key; empty ones dropped."""
    return {
        key[len(FILTER_PREFIX) :]: value.strip()
        for key, value in data.items()
        if key.startswith(FILTER_PREFIX) and isinstance(value, str) and value.strip()
    }
