"""The sign-up questionnaire as data, built per programme, and the checking of its answers."""

from teams_app.domain.questionnaire.answer_reading import Answer
from teams_app.domain.questionnaire.answers import (
    STEP_ERROR,
    StepResult,
    card_value,
    missing_required,
    public_profile,
    validate_step,
)
from teams_app.domain.questionnaire.building import answers_shared_with_pair, questionnaire_for
from teams_app.domain.questionnaire.export import JsonValue, to_json
from teams_app.domain.questionnaire.model import (
    ROLE_QUESTION,
    Choice,
    HrField,
    Question,
    QuestionKind,
    Questionnaire,
    Step,
    Visibility,
)

__all__ = [
    "ROLE_QUESTION",
    "STEP_ERROR",
    "Answer",
    "Choice",
    "HrField",
    "JsonValue",
    "Question",
    "QuestionKind",
    "Questionnaire",
    "Step",
    "StepResult",
    "Visibility",
    "answers_shared_with_pair",
    "card_value",
    "missing_required",
    "public_profile",
    "questionnaire_for",
    "to_json",
    "validate_step",
]
