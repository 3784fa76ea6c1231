"""The questionnaire as plain JSON-ready data, every field in declaration order."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date
from enum import Enum

from teams_app.domain.questionnaire.model import Question, Questionnaire, Step

JsonValue = None | bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"]


def to_json(questionnaire: Questionnaire) -> dict[str, JsonValue]:
    """The whole questionnaire as JSON-ready data; the same input always gives the same output."""
    return {
        "programme_id": questionnaire.programme_id,
        "steps": [_record(step) for step in questionnaire.steps],
        "questions": [_record(question) for question in questionnaire.questions],
    }


def _record(item: Question | Step) -> dict[str, JsonValue]:
    # Every field, unset ones as null, so readers of the CLI output see the whole shape.
    return {field.name: _plain(getattr(item, field.name)) for field in fields(item)}


def _plain(value: object) -> JsonValue:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Enum):
        return _plain(value.value)
    if isinstance(value, str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {field.name: _plain(getattr(value, field.name)) for field in fields(value)}
    raise TypeError(f"cannot express a {type(value).__name__} in JSON")
