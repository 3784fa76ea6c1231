"""The verbs of the sign-up buttons, and how a card's inputs come back in an invoke."""

from __future__ import annotations

from collections.abc import Mapping

VERB_NEXT = "signup.next"
VERB_BACK = "signup.back"
VERB_EDIT = "signup.edit"
VERB_SUBMIT = "signup.submit"
VERB_SHOW_REGISTRATION = "registration.show"
VERB_WITHDRAW = "registration.withdraw"
SIGN_UP_VERBS = frozenset(
    {VERB_NEXT, VERB_BACK, VERB_EDIT, VERB_SUBMIT, VERB_SHOW_REGISTRATION, VERB_WITHDRAW}
)

# Teams merges input values into the action's data; the prefix keeps an answer to a question
# with an id such as "role" or "step" from overwriting the action's own keys.
INPUT_PREFIX = "q."


def input_id(question_id: str) -> str:
    """The id of the card input that answers `question_id`."""
    return INPUT_PREFIX + question_id


def answers_from_data(data: Mapping[str, object]) -> dict[str, object]:
    """The question inputs an invoke carried, keyed by question id (the prefix removed)."""
    return {
        key[len(INPUT_PREFIX) :]: value
        for key, value in data.items()
        if isinstance(key, str) and key.startswith(INPUT_PREFIX) and len(key) > len(INPUT_PREFIX)
    }
