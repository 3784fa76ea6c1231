"""Whatever a card sends, validation never crashes, and every input is answered or refused."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teams_app.domain.programme import Role
from teams_app.domain.questionnaire import (
    Answer,
    Question,
    QuestionKind,
    Questionnaire,
    card_value,
    missing_required,
    public_profile,
    questionnaire_for,
    validate_step,
)
from teams_app.presets import load_programme
from tests.unit.preset_editing import SHIPPED

QUESTIONNAIRES = {name: questionnaire_for(load_programme(name)) for name in SHIPPED}
ALL_IDS = sorted({q.id for qs in QUESTIONNAIRES.values() for q in qs.questions})
ALL_CHOICES = sorted(
    {c for qs in QUESTIONNAIRES.values() for q in qs.questions for c in q.choice_ids()}
)
TODAY = date(2026, 9, 10)

huge_text = st.sampled_from([1_000, 20_000, 100_000]).flatmap(
    lambda size: st.sampled_from(["x", "9", ",", " ", "é", "\x00", "en,"]).map(lambda c: c * size)
)
plausible = st.one_of(
    st.lists(st.sampled_from(ALL_CHOICES), max_size=8).map(",".join),
    st.dates().map(date.isoformat),
    st.integers(-5, 30).map(str),
    st.sampled_from(["true", "false", "", "  ", "1.0", "2026-02-30", "P-3"]),
)
junk = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(),
    st.binary(max_size=20),
    st.dates(),
    st.lists(st.one_of(st.text(max_size=10), st.integers()), max_size=5),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    huge_text,
)
raw_inputs = st.dictionaries(
    st.one_of(st.sampled_from(ALL_IDS), st.text(max_size=20)),
    st.one_of(plausible, junk),
    max_size=12,
)


def good_value(question: Question) -> st.SearchStrategy[str]:
    """What a card could well send for `question`, near and past its limits."""
    kind, ids = question.kind, question.choice_ids()
    if kind is QuestionKind.SINGLE:
        return st.sampled_from(ids)
    if kind is QuestionKind.MULTI:
        most = (question.max_choices or len(ids)) + 1
        return st.lists(st.sampled_from(ids), min_size=1, max_size=most).map(",".join)
    if kind is QuestionKind.TEXT:
        return st.text(
            min_size=(question.min_length or 1) - 1, max_size=(question.max_length or 0) + 2
        )
    if kind is QuestionKind.NUMBER:
        return st.integers((question.min_value or 0) - 1, (question.max_value or 0) + 1).map(str)
    if kind is QuestionKind.DATE:
        return st.dates(date(1940, 1, 1), date(2030, 1, 1)).map(date.isoformat)
    return st.sampled_from(["true", "false"])


@st.composite
def step_cases(draw: st.DrawFn) -> tuple[Questionnaire, Role, str, dict[str, object]]:
    """A shipped questionnaire, a role, one step that role sees, and what its card sent."""
    questionnaire = QUESTIONNAIRES[draw(st.sampled_from(SHIPPED))]
    role = draw(st.sampled_from(list(Role)))
    step = draw(st.sampled_from(questionnaire.steps_for(role)))
    raw: dict[str, object] = draw(raw_inputs)
    for question_id in step.question_ids:
        question = questionnaire.question(question_id)
        sent = draw(st.one_of(st.just(None), good_value(question), good_value(question), junk))
        if sent is not None:
            raw[question_id] = sent
    return questionnaire, role, step.id, raw


def fits(question: Question, answer: Answer) -> bool:
    """Whether a typed answer has the kind and limits its question sets."""
    kind = question.kind
    if kind is QuestionKind.SINGLE:
        return isinstance(answer, str) and answer in question.choice_ids()
    if kind is QuestionKind.MULTI:
        most = question.max_choices or len(question.choices)
        return (
            isinstance(answer, tuple)
            and 0 < len(answer) <= most
            and set(answer) <= set(question.choice_ids())
        )
    if kind is QuestionKind.TEXT:
        return (
            isinstance(answer, str)
            and 0 < len(answer) <= (question.max_length or 0)
            and len(answer) >= (question.min_length or 0)
        )
    if kind is QuestionKind.NUMBER:
        low, high = question.min_value or 0, question.max_value or 0
        return isinstance(answer, int) and not isinstance(answer, bool) and low <= answer <= high
    if kind is QuestionKind.DATE:
        return isinstance(answer, date) and (not question.past_only or answer <= TODAY)
    return isinstance(answer, bool)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(case=step_cases())
def test_any_input_gives_answers_for_good_fields_and_a_message_for_each_bad_one(
    case: tuple[Questionnaire, Role, str, dict[str, object]],
) -> None:
    questionnaire, role, step_id, raw = case
    result = validate_step(questionnaire, role, step_id, raw, TODAY)
    asked = next(s for s in questionnaire.steps_for(role) if s.id == step_id).question_ids
    assert set(result.answers) | set(result.errors) <= set(asked)
    assert not set(result.answers) & set(result.errors)
    for question_id in asked:
        question = questionnaire.question(question_id)
        if question.required:
            assert question_id in result.answers or question_id in result.errors
        if question_id in raw and not isinstance(
            raw[question_id], str | bool | int | float | list | date | None
        ):
            assert question_id in result.errors
    for message in result.errors.values():
        assert message and "\n" not in message and len(message) < 200
    for question_id, answer in result.answers.items():
        assert fits(questionnaire.question(question_id), answer), (question_id, answer)


@settings(max_examples=200)
@given(case=step_cases())
def test_an_accepted_answer_sent_back_as_a_card_would_send_it_is_accepted_unchanged(
    case: tuple[Questionnaire, Role, str, dict[str, object]],
) -> None:
    questionnaire, role, step_id, raw = case
    first = validate_step(questionnaire, role, step_id, raw, TODAY)
    resent = {qid: card_value(a) for qid, a in first.answers.items()}
    again = validate_step(questionnaire, role, step_id, resent, TODAY)
    assert again.answers == first.answers
    assert set(again.errors) <= set(first.errors)


@given(
    name=st.sampled_from(SHIPPED),
    role=st.sampled_from(list(Role)),
    answers=st.dictionaries(
        st.one_of(st.sampled_from(ALL_IDS), st.text()), st.one_of(plausible, junk)
    ),
)
def test_the_final_check_and_the_public_profile_accept_any_answers_without_leaking(
    name: str, role: Role, answers: dict[str, object]
) -> None:
    questionnaire = QUESTIONNAIRES[name]
    missing = missing_required(questionnaire, role, answers)
    assert all(questionnaire.question(qid).required for qid in missing)
    profile = public_profile(questionnaire, answers)
    assert all(questionnaire.question(qid).visibility == "pair" for qid in profile)
    assert all(profile[qid] is answers[qid] for qid in profile)
