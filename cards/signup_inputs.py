"""One Adaptive Card input per questionnaire question, with its hint and messages."""

from __future__ import annotations

from typing import Any

from microsoft_teams.cards import (
    CardElement,
    ChoiceSetInput,
    DateInput,
    NumberInput,
    TextBlock,
    TextInput,
    ToggleInput,
)
from microsoft_teams.cards import Choice as CardChoice

from cards.signup_verbs import input_id
from teams_app.domain.questionnaire import Question, QuestionKind, Visibility
from teams_app.domain.questionnaire.answer_reading import required_message
from teams_app.services.signup_views import FieldView

# Up to this many options show as radio buttons or checkboxes; more would push the
# buttons of the card out of sight, so they fold into a dropdown.
EXPANDED_SINGLE_MAX = 4
EXPANDED_MULTI_MAX = 12  # programme goals (11) read best as a list of checkboxes
FROM_HR_NOTE = "From your HR record — please check it"
PROFILE_NOTE = "Shown on your profile to the person you are paired with"


def field_elements(field: FieldView) -> list[CardElement]:
    """The input for one question, then its error, its hint and the HR note, in reading order."""
    question = field.question
    elements: list[CardElement] = [question_input(question, _shown_value(field))]
    if field.error:
        elements.append(TextBlock(text=field.error, color="Attention", wrap=True, spacing="Small"))
    if question.help:
        elements.append(_subtle(question.help, "Small"))
    notes = [PROFILE_NOTE] if question.visibility is Visibility.PAIR else []
    if field.from_hr:
        notes.append(FROM_HR_NOTE)
    for note in notes:
        elements.append(_subtle(note, "None" if question.help or len(elements) > 1 else "Small"))
    return elements


def question_input(question: Question, value: str | None) -> CardElement:
    """The input that answers `question`, prefilled with `value` as the card sends it."""
    builders = {
        QuestionKind.SINGLE: _single,
        QuestionKind.MULTI: _multi,
        QuestionKind.TEXT: _text,
        QuestionKind.NUMBER: _number,
        QuestionKind.DATE: _date,
        QuestionKind.TOGGLE: _toggle,
    }
    return builders[question.kind](question, value)


def _common(question: Question) -> dict[str, Any]:
    common: dict[str, Any] = {"id": input_id(question.id), "spacing": "Medium"}
    if question.kind is not QuestionKind.TOGGLE:
        common["label"] = question.label
    if question.required:
        common["is_required"] = True
        common["error_message"] = required_message(question)
    return common


def _single(question: Question, value: str | None) -> CardElement:
    return _choice_set(question, value, multi=False)


def _multi(question: Question, value: str | None) -> CardElement:
    return _choice_set(question, value, multi=True)


def _choice_set(question: Question, value: str | None, multi: bool) -> CardElement:
    most = EXPANDED_MULTI_MAX if multi else EXPANDED_SINGLE_MAX
    expanded = len(question.choices) <= most
    prompt = "Choose one or more…" if multi else "Choose…"
    return ChoiceSetInput(
        **_common(question),
        choices=[CardChoice(title=choice.label, value=choice.id) for choice in question.choices],
        style="expanded" if expanded else "compact",
        is_multi_select=multi or None,
        value=value,
        wrap=True,
        placeholder=None if expanded else prompt,
    )


def _text(question: Question, value: str | None) -> CardElement:
    return TextInput(
        **_common(question),
        is_multiline=question.multiline or None,
        max_length=question.max_length,
        value=value,
    )


def _number(question: Question, value: str | None) -> CardElement:
    return NumberInput(
        **_common(question),
        min=question.min_value,
        max=question.max_value,
        value=_as_number(value),
    )


def _date(question: Question, value: str | None) -> CardElement:
    earliest = question.not_before.isoformat() if question.not_before else None
    return DateInput(**_common(question), min=earliest, value=value)


def _toggle(question: Question, value: str | None) -> CardElement:
    return ToggleInput(
        **_common(question),
        title=question.label,
        value_on="true",
        value_off="false",
        value=value or "false",
        wrap=True,
    )


def _shown_value(field: FieldView) -> str | None:
    # A question never answered shows its preset default, as the first card did.
    value = field.value if field.value is not None else field.question.default
    return value if value else None


def _as_number(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None  # a stale or odd value: show the input empty rather than fail the card


def _subtle(text: str, spacing: str) -> TextBlock:
    return TextBlock(text=text, is_subtle=True, size="Small", wrap=True, spacing=spacing)
