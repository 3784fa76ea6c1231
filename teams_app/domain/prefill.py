"""Turning HR data into questionnaire answers the person is asked to confirm."""

from __future__ import annotations

import re
from datetime import date

from teams_app.domain.people import Person
from teams_app.domain.questionnaire import Question, QuestionKind

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def _key(text: str) -> str:
    """Spelling-insensitive key: "P-2", "p2" and "P 2" compare equal."""
    return _NOT_ALNUM.sub("", text.casefold())


def hr_answer(question: Question, person: Person | None) -> str | None:
    """The card value HR data suggests for `question`, or None when HR has nothing usable."""
    if person is None or question.prefill_from is None:
        return None
    raw = getattr(person, question.prefill_from.value, None)
    if raw is None or raw == "":
        return None
    if isinstance(raw, date):
        return raw.isoformat() if question.kind is QuestionKind.DATE else None
    text = str(raw)
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTI):
        wanted = _key(text)
        for choice in question.choices:
            if wanted in (_key(choice.id), _key(choice.label)):
                return choice.id
        return None  # an HR value the questionnaire does not offer: let the person choose
    if question.kind is QuestionKind.TEXT:
        limit = question.max_length or len(text)
        return text[:limit]
    return None
