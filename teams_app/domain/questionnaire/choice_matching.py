"""Finding the choice a piece of text means, whatever its spelling ("P4", "p-4", "English")."""

from __future__ import annotations

import re
from functools import cache

from teams_app.domain.questionnaire.model import Question

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def spelling_key(text: str) -> str:
    """Spelling-insensitive key: "P-2", "p2" and "P 2" compare equal."""
    return _NOT_ALNUM.sub("", text.casefold())


@cache
def choice_keys(question: Question) -> dict[str, str]:
    """Each choice id under its id, its spelling key and its label's spelling key."""
    keys: dict[str, str] = {}
    # Labels first, so an id that looks like another choice's label still wins.
    for choice in question.choices:
        keys.setdefault(spelling_key(choice.label), choice.id)
    for choice in question.choices:
        keys[spelling_key(choice.id)] = choice.id
        keys[choice.id] = choice.id
    keys.pop("", None)
    return keys


def matching_choice(question: Question, text: str) -> str | None:
    """The id of the choice `text` names, or None when it names none."""
    keys = choice_keys(question)
    return keys.get(text) or keys.get(spelling_key(text))
