"""Reading one raw card input into a typed answer, or saying in plain words what is wrong."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime

from teams_app.domain.questionnaire.model import Question, QuestionKind

Answer = str | int | bool | date | tuple[str, ...]

_WHOLE_NUMBER = re.compile(r"[+-]?\d{1,9}(?:\.0*)?")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# Control characters other than tab and newline only ever arrive by accident or malice.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True)
class Invalid:
    """Why an input cannot be accepted, worded for the person who typed it."""

    message: str


def read_answer(question: Question, value: object, today: date) -> Answer | Invalid | None:
    """The typed answer in `value`, Invalid with a message, or None if it was left blank."""
    if value is None:
        return None
    kind = question.kind
    if kind is QuestionKind.SINGLE:
        return _single(question, value)
    if kind is QuestionKind.MULTI:
        return _multi(question, value)
    if kind is QuestionKind.TEXT:
        return _text(question, value)
    if kind is QuestionKind.NUMBER:
        return _number(question, value)
    if kind is QuestionKind.DATE:
        return _date(question, value, today)
    return _toggle(question, value)


def required_message(question: Question) -> str:
    """What to say when a required question was left blank."""
    if question.kind is QuestionKind.SINGLE:
        return f"Choose your {question.noun}."
    if question.kind is QuestionKind.MULTI:
        return f"Choose at least one {question.noun}."
    if question.kind is QuestionKind.NUMBER:
        return f"Enter the {question.noun}."
    return f"Enter your {question.noun}."


def _single(question: Question, value: object) -> Answer | Invalid | None:
    if not isinstance(value, str):
        return Invalid(f"Choose your {question.noun} from the list.")
    chosen = value.strip()
    if not chosen:
        return None
    if chosen not in question.choice_ids():
        return Invalid(f"Choose your {question.noun} from the list.")
    return chosen


def _multi(question: Question, value: object) -> Answer | Invalid | None:
    # Input.ChoiceSet with isMultiSelect sends "a,b,c"; a JSON list is accepted too.
    if isinstance(value, str):
        parts: list[object] = list(value.split(","))
    elif isinstance(value, list | tuple):
        parts = list(value)
    else:
        return Invalid(f"Choose {question.plural()} from the list.")
    if not all(isinstance(part, str) for part in parts):
        return Invalid(f"Choose {question.plural()} from the list.")
    chosen = {str(part).strip() for part in parts} - {""}
    if not chosen:
        return None
    if not chosen <= set(question.choice_ids()):
        return Invalid(f"Choose {question.plural()} from the list.")
    if question.max_choices is not None and len(chosen) > question.max_choices:
        return Invalid(f"Choose at most {question.max_choices} {question.plural()}.")
    # Stored in the questionnaire's order, so equal selections compare equal.
    return tuple(choice_id for choice_id in question.choice_ids() if choice_id in chosen)


def _text(question: Question, value: object) -> Answer | Invalid | None:
    if not isinstance(value, str):
        return Invalid(f"Enter your {question.noun} as text.")
    text = _CONTROL.sub("", value)
    if question.multiline:
        lines = [
            line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        ]
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    else:
        text = " ".join(text.split())
    if not text:
        return None
    most, least = question.max_length, question.min_length
    if most is not None and len(text) > most:
        return Invalid(
            f"Keep your {question.noun} to {most} characters or fewer (you wrote {len(text)})."
        )
    if least is not None and len(text) < least:
        return Invalid(
            f"Write at least {least} characters for your {question.noun} (you wrote {len(text)})."
        )
    return text


def _number(question: Question, value: object) -> Answer | Invalid | None:
    number = _whole_number(value)
    if number is None and isinstance(value, str) and not value.strip():
        return None
    if number is None:
        return Invalid(f"Enter the {question.noun} as a whole number.")
    low, high = question.min_value, question.max_value
    if (low is not None and number < low) or (high is not None and number > high):
        return Invalid(_range_message(question.noun, low, high))
    return number


def _whole_number(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if math.isfinite(value) and value.is_integer() else None
    if isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value.strip()):
        # The pattern caps the digits, so int() never meets a huge string.
        return int(value.strip().split(".")[0])
    return None


def _range_message(noun: str, low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"The {noun} must be between {low} and {high}."
    if low is not None:
        return f"The {noun} must be at least {low}."
    return f"The {noun} must be at most {high}."


def _date(question: Question, value: object, today: date) -> Answer | Invalid | None:
    if isinstance(value, str) and not value.strip():
        return None
    day = _iso_day(value)
    if day is None:
        return Invalid(f"Enter your {question.noun} as a date, for example 2019-03-01.")
    noun = question.noun[:1].upper() + question.noun[1:]
    if question.past_only and day > today:
        return Invalid(f"{noun} can't be in the future.")
    if question.not_before is not None and day < question.not_before:
        return Invalid(f"{noun} can't be before {_long_date(question.not_before)}.")
    return day


def _iso_day(value: object) -> date | None:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value.strip()):
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def _toggle(question: Question, value: object) -> Answer | Invalid | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        spelt = value.strip().casefold()
        if not spelt:
            return None
        if spelt in ("true", "false"):
            return spelt == "true"
    return Invalid(f"Switch {question.noun} on or off.")


def _long_date(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
