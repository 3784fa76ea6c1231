"""Valid and invalid card inputs for any step of any programme's questionnaire."""

from __future__ import annotations

from teams_app.domain.programme import Role
from teams_app.domain.questionnaire import Question, QuestionKind, Questionnaire, Step


def valid_value(question: Question) -> str:
    """A value the card would send that the question accepts."""
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTI):
        return question.choices[0].id
    if question.kind is QuestionKind.NUMBER:
        return str(question.min_value if question.min_value is not None else 1)
    if question.kind is QuestionKind.DATE:
        return "2015-01-05"
    if question.kind is QuestionKind.TOGGLE:
        return "false"
    length = max(question.min_length or 1, 30)
    return ("I want to grow as a leader in field work. " * 10)[
        : min(length, question.max_length or length)
    ]


def step_inputs(questionnaire: Questionnaire, step: Step, role: Role) -> dict[str, str]:
    """The `q.`-prefixed inputs of a fully answered step (the role question is not on cards)."""
    return {
        f"q.{qid}": valid_value(questionnaire.question(qid))
        for qid in step.question_ids
        if qid != "role" and questionnaire.question(qid).asks(role)
    }
