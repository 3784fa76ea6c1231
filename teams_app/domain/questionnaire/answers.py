"""Checking what a questionnaire card sent, and deciding which answers may be shown to whom."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from teams_app.domain.programme import Role
from teams_app.domain.questionnaire.answer_reading import (
    Answer,
    Invalid,
    read_answer,
    required_message,
)
from teams_app.domain.questionnaire.model import Questionnaire, Step, Visibility

# The key of an error about the step itself rather than one of its questions.
STEP_ERROR = "_step"


@dataclass(frozen=True)
class StepResult:
    """The typed answers a step's inputs gave, and a message for each input that was refused."""

    step_id: str
    answers: dict[str, Answer] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether every input was accepted, so the next card can be shown."""
        return not self.errors


def validate_step(
    questionnaire: Questionnaire,
    role: Role,
    step_id: str,
    raw: Mapping[str, object],
    today: date,
) -> StepResult:
    """Read the inputs an Action.Execute sent for one step; keys of other questions are ignored."""
    step = _step_for(questionnaire, role, step_id)
    if step is None:
        message = "This card is out of date. Type “sign up” to start again where you left off."
        return StepResult(step_id, errors={STEP_ERROR: message})
    inputs = raw if isinstance(raw, Mapping) else {}
    answers: dict[str, Answer] = {}
    errors: dict[str, str] = {}
    for question_id in step.question_ids:
        question = questionnaire.question(question_id)
        outcome = read_answer(question, inputs.get(question_id), today)
        if isinstance(outcome, Invalid):
            errors[question_id] = outcome.message
        elif outcome is not None:
            answers[question_id] = outcome
        elif question.required:
            errors[question_id] = required_message(question)
    return StepResult(step_id, answers, errors)


def missing_required(
    questionnaire: Questionnaire, role: Role, answers: Mapping[str, object]
) -> list[str]:
    """The required questions for `role` still unanswered, in the order they are asked."""
    return [
        question.id
        for question in questionnaire.questions_for(role)
        if question.required and _is_blank(answers.get(question.id))
    ]


def public_profile(
    questionnaire: Questionnaire, answers: Mapping[str, object]
) -> dict[str, object]:
    """Only the answers that may be shown to the matched person; all others are left out."""
    return {
        question.id: answers[question.id]
        for question in questionnaire.questions
        if question.visibility is Visibility.PAIR and question.id in answers
    }


def card_value(answer: Answer) -> str:
    """An answer as the card input sends it, to prefill a card; `validate_step` reads it back."""
    if isinstance(answer, tuple):
        return ",".join(answer)
    if isinstance(answer, bool):
        return "true" if answer else "false"
    if isinstance(answer, date):
        return answer.isoformat()
    return str(answer)


def _step_for(questionnaire: Questionnaire, role: Role, step_id: str) -> Step | None:
    # Step ids come back from the card, so an unknown one is a stale card, not a bug.
    return next((step for step in questionnaire.steps_for(role) if step.id == step_id), None)


def _is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, tuple | list | set | frozenset) and not value
