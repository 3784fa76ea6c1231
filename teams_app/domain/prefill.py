"""Turning HR data into questionnaire answers the person is asked to confirm."""

from __future__ import annotations

from datetime import date

from teams_app.domain.people import Person
from teams_app.domain.questionnaire import Question, QuestionKind
from teams_app.domain.questionnaire.choice_matching import matching_choice


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
        # None for an HR value the questionnaire does not offer: the person chooses.
        return matching_choice(question, text)
    if question.kind is QuestionKind.TEXT:
        limit = question.max_length or len(text)
        return text[:limit]
    return None
