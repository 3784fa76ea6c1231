"""The questionnaire as data: questions, the steps (cards) that group them, the whole form."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from teams_app.domain.programme import Role

BOTH_ROLES: tuple[Role, ...] = (Role.MENTOR, Role.MENTEE)
QUESTION_ID = re.compile(r"[a-z][a-z0-9_]{0,47}")
# Choice ids travel inside Input.ChoiceSet values, which a multi-select joins with commas.
# The question answered by the button that starts a sign-up; cards never show it.
ROLE_QUESTION = "role"
CHOICE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_+/-]{0,63}")


class QuestionKind(StrEnum):
    """How a question is answered, and so which Adaptive Card input renders it."""

    SINGLE = "single"
    MULTI = "multi"
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    TOGGLE = "toggle"


class Visibility(StrEnum):
    """Who may ever see an answer."""

    PAIR = "pair"  # may appear on the profile shown to the matched person
    ADMIN = "admin"  # programme administrators only
    CONFIDENTIAL = "confidential"  # diversity data: administrators only, stored encrypted


class HrField(StrEnum):
    """The HR fields that can prefill an answer; values are `Person` attribute names."""

    GRADE = "grade"
    ENTRY_DATE = "entry_date"
    DUTY_STATION = "duty_station"
    TIME_ZONE = "time_zone"
    ENTITY = "entity"
    UNIT = "unit"
    JOB_NETWORK = "job_network"


@dataclass(frozen=True)
class Choice:
    """One option of a single or multi choice; `id` is stored, `label` is shown."""

    id: str
    label: str


@dataclass(frozen=True)
class Question:
    """One question; `noun` names the answer in error messages ("Choose your grade.")."""

    id: str
    kind: QuestionKind
    label: str
    noun: str
    help: str | None = None
    choices: tuple[Choice, ...] = ()
    required: bool = False
    visibility: Visibility = Visibility.ADMIN
    roles: tuple[Role, ...] = BOTH_ROLES
    max_length: int | None = None
    min_length: int | None = None
    multiline: bool = False
    min_value: int | None = None
    max_value: int | None = None
    max_choices: int | None = None
    past_only: bool = False
    not_before: date | None = None
    default: str | None = None
    prefill_from: HrField | None = None
    noun_plural: str | None = None

    def __post_init__(self) -> None:
        problem = _question_problem(self)
        if problem:
            raise ValueError(f"question {self.id!r}: {problem}")

    def asks(self, role: Role) -> bool:
        """Whether people applying as `role` are asked this question."""
        return role in self.roles

    def choice_ids(self) -> tuple[str, ...]:
        """The ids of the choices, in the order they are shown."""
        return tuple(choice.id for choice in self.choices)

    def plural(self) -> str:
        """The noun for several answers ("goals"), for multi-choice messages."""
        return self.noun_plural or f"{self.noun}s"


@dataclass(frozen=True)
class Step:
    """One card of the questionnaire: a title, a short intro and the questions it asks."""

    id: str
    title: str
    intro: str
    question_ids: tuple[str, ...]


@dataclass(frozen=True)
class Questionnaire:
    """A programme's whole questionnaire; each question sits in exactly one step."""

    programme_id: str
    steps: tuple[Step, ...]
    questions: tuple[Question, ...]

    def __post_init__(self) -> None:
        problem = _questionnaire_problem(self)
        if problem:
            raise ValueError(f"questionnaire {self.programme_id!r}: {problem}")

    def question(self, question_id: str) -> Question:
        """The question with `question_id`; KeyError if there is none."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def step(self, step_id: str) -> Step:
        """The step with `step_id`; KeyError if there is none."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def steps_for(self, role: Role) -> tuple[Step, ...]:
        """The steps someone applying as `role` sees, holding only the questions they are asked."""
        shown: list[Step] = []
        for step in self.steps:
            ids = tuple(qid for qid in step.question_ids if self.question(qid).asks(role))
            if ids:
                shown.append(Step(step.id, step.title, step.intro, ids))
        return tuple(shown)

    def questions_for(self, role: Role) -> tuple[Question, ...]:
        """The questions asked of `role`, in the order the steps ask them."""
        steps = self.steps_for(role)
        return tuple(self.question(qid) for step in steps for qid in step.question_ids)


def _question_problem(question: Question) -> str | None:
    if not QUESTION_ID.fullmatch(question.id):
        return "ids are snake_case: a-z, 0-9 and _"
    if not question.roles or len(set(question.roles)) != len(question.roles):
        return "give each role that is asked once"
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTI):
        return _choices_problem(question)
    if question.choices or question.max_choices is not None:
        return "only single and multi questions have choices"
    if question.kind is QuestionKind.TEXT and not question.max_length:
        return "text questions need a max_length"
    if question.kind is QuestionKind.TOGGLE and question.required:
        return "a toggle always has an answer, so it cannot be required"
    return _limits_problem(question)


def _choices_problem(question: Question) -> str | None:
    ids = question.choice_ids()
    if not ids:
        return "choice questions need choices"
    if len(set(ids)) != len(ids):
        return "choice ids must be unique"
    if not all(CHOICE_ID.fullmatch(choice_id) for choice_id in ids):
        return "choice ids are letters, digits and _ + / - (no commas or spaces)"
    if question.max_choices is not None and not 1 <= question.max_choices <= len(ids):
        return "max_choices must be between 1 and the number of choices"
    if question.kind is QuestionKind.SINGLE and question.max_choices is not None:
        return "a single choice has no max_choices"
    return _limits_problem(question)


def _limits_problem(question: Question) -> str | None:
    kind = question.kind
    if kind is not QuestionKind.TEXT and (question.max_length or question.min_length):
        return "only text questions have lengths"
    if kind is not QuestionKind.NUMBER and (
        question.min_value is not None or question.max_value is not None
    ):
        return "only number questions have min_value and max_value"
    if kind is not QuestionKind.DATE and (question.past_only or question.not_before):
        return "only date questions have past_only and not_before"
    low, high = question.min_value, question.max_value
    if low is not None and high is not None and low > high:
        return "min_value is above max_value"
    if question.min_length and question.max_length and question.min_length > question.max_length:
        return "min_length is above max_length"
    return None


def _questionnaire_problem(questionnaire: Questionnaire) -> str | None:
    ids = [question.id for question in questionnaire.questions]
    if len(set(ids)) != len(ids):
        return "question ids must be unique"
    step_ids = [step.id for step in questionnaire.steps]
    if len(set(step_ids)) != len(step_ids):
        return "step ids must be unique"
    placed = [qid for step in questionnaire.steps for qid in step.question_ids]
    if sorted(placed) != sorted(ids):
        return "every question must sit in exactly one step"
    return None
