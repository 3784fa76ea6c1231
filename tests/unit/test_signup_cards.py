"""The sign-up cards: every step of every shipped questionnaire, the review and what follows."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from typing import Any

import pytest

from cards.base import KNOWN_VERBS
from cards.registration import notice_card, registration_card
from cards.signup import CONFIDENTIAL_NOTE, confirmation_card, refusal_card, step_card, summary_card
from cards.signup_inputs import FROM_HR_NOTE
from cards.signup_verbs import INPUT_PREFIX, SIGN_UP_VERBS, answers_from_data
from teams_app.domain.applications import ApplicationStatus
from teams_app.domain.programme import Role
from teams_app.domain.questionnaire import (
    Question,
    QuestionKind,
    Questionnaire,
    Visibility,
    questionnaire_for,
)
from teams_app.presets import load_programme
from teams_app.services.signup_views import (
    AnswerLine,
    ApplicationSummary,
    ConfirmationView,
    FieldView,
    NoticeView,
    RefusalView,
    RegistrationView,
    StepView,
    SummarySection,
    SummaryView,
)
from tests.card_schema import assert_valid_card
from tests.unit.preset_editing import SHIPPED

Card = dict[str, Any]
CASES = [(name, role) for name in SHIPPED for role in Role]


@cache
def _programme(name: str) -> tuple[str, Questionnaire]:
    programme = load_programme(name)
    return programme.name, questionnaire_for(programme)


def _sample(question: Question) -> str:
    """The longest answer a person could give, so card sizes are measured at their worst."""
    ids = question.choice_ids()
    if question.kind is QuestionKind.SINGLE:
        return ids[-1]
    if question.kind is QuestionKind.MULTI:
        return ",".join(ids[: question.max_choices or len(ids)])
    if question.kind is QuestionKind.TEXT:
        return ("Ünïcode and plain words. " * 100)[: question.max_length]
    if question.kind is QuestionKind.NUMBER:
        return str(question.max_value or 3)
    return {"date": "2015-03-01", "toggle": "true"}[question.kind.value]


def step_views(name: str, role: Role, filled: bool) -> list[StepView]:
    """A view of every step `role` sees, blank or with a value, an error and the HR note."""
    programme_name, questionnaire = _programme(name)
    steps = questionnaire.steps_for(role)
    views = []
    for index, step in enumerate(steps, start=1):
        fields = []
        for question in (questionnaire.question(qid) for qid in step.question_ids):
            field = FieldView(question)
            if filled:
                error = f"Check your {question.noun}: this one is not accepted."
                hr = question.prefill_from is not None
                field = FieldView(question, _sample(question), error, hr)
            fields.append(field)
        notice = "This card was out of date; here are your latest answers." if filled else None
        views.append(
            StepView(programme_name, role, step, index, len(steps), tuple(fields), 7, notice=notice)
        )
    return views


def summary_view(name: str, role: Role, status: ApplicationStatus) -> SummaryView:
    """Every answer of `role` read back, with labels as long as the choices make them."""
    programme_name, questionnaire = _programme(name)
    sections = []
    for step in questionnaire.steps_for(role):
        lines = []
        for question in (questionnaire.question(qid) for qid in step.question_ids):
            value = "; ".join(c.label for c in question.choices[:5]) or _sample(question)
            secret = question.visibility is Visibility.CONFIDENTIAL
            lines.append(AnswerLine(question.label, value, secret))
        sections.append(SummarySection(step, tuple(lines)))
    missing = ("Your grade", "Your objective") if status is ApplicationStatus.DRAFT else ()
    return SummaryView(programme_name, role, tuple(sections), 4, status, missing)


def _walk(elements: list[Any]) -> Iterator[Card]:
    for element in elements:
        yield element
        for key in ("items", "columns"):
            yield from _walk(element.get(key, []))


def _inputs(card: Card) -> list[Card]:
    return [e for e in _walk(card["body"]) if e["type"].startswith("Input.")]


def _texts(card: Card) -> list[str]:
    return [e["text"] for e in _walk(card["body"]) if e["type"] == "TextBlock"]


def _every_step_card() -> Iterator[tuple[StepView, Card]]:
    for name, role in CASES:
        for filled in (False, True):
            for view in step_views(name, role, filled):
                yield view, step_card(view)


def _size(card: Card) -> int:
    return len(json.dumps(card, ensure_ascii=False).encode())


@pytest.mark.parametrize(("name", "role"), CASES)
def test_every_step_of_every_programme_renders_a_valid_card(name: str, role: Role) -> None:
    for filled in (False, True):
        for view in step_views(name, role, filled):
            card = step_card(view)
            assert_valid_card(card)
            ids = [i["id"] for i in _inputs(card)]
            assert ids == [INPUT_PREFIX + qid for qid in view.step.question_ids]


def test_required_questions_are_required_inputs_with_a_message() -> None:
    for view, card in _every_step_card():
        for field, element in zip(view.fields, _inputs(card), strict=True):
            assert element.get("isRequired", False) is field.question.required
            assert bool(element.get("errorMessage")) is field.question.required


def test_an_error_sits_right_under_its_field() -> None:
    for view, card in _every_step_card():
        body = card["body"]
        for field in view.fields:
            at = next(i for i, e in enumerate(body) if e.get("id") == f"q.{field.question.id}")
            if field.error:
                assert body[at + 1]["text"] == field.error
                assert body[at + 1]["color"] == "Attention"
            else:
                assert all(e.get("color") != "Attention" for e in body[at + 1 : at + 2])


def test_help_and_the_hr_note_follow_their_field() -> None:
    for view, card in _every_step_card():
        texts = _texts(card)
        for field in view.fields:
            if field.question.help:
                assert field.question.help in texts
        assert (FROM_HR_NOTE in texts) is any(f.from_hr for f in view.fields)


def test_actions_carry_role_step_and_version_and_back_skips_validation() -> None:
    for view, card in _every_step_card():
        actions = card["actions"]
        expected = {"role": view.role.value, "step": view.step.id, "version": 7}
        for action in actions:
            assert action["type"] == "Action.Execute"
            assert action["data"] == {"verb": action["verb"], **expected}
        verbs = [a["verb"] for a in actions]
        if view.index == 1:
            assert verbs == ["signup.next"]
        else:
            assert verbs == ["signup.back", "signup.next"]
            assert actions[0]["associatedInputs"] == "none"
        last = "Review my answers" if view.index == view.total else "Next"
        assert actions[-1]["title"] == last


def test_a_step_that_returns_to_the_summary_offers_the_review() -> None:
    view = replace(step_views("iom", Role.MENTEE, False)[0], returns_to_summary=True)
    assert step_card(view)["actions"][-1]["title"] == "Review my answers"


def test_the_confidential_note_is_on_exactly_the_steps_with_confidential_questions() -> None:
    for view, card in _every_step_card():
        secret = any(f.question.visibility is Visibility.CONFIDENTIAL for f in view.fields)
        assert (CONFIDENTIAL_NOTE in _texts(card)) is secret


def test_a_notice_shows_in_a_warning_box_above_the_step() -> None:
    view = step_views("together", Role.MENTOR, True)[1]
    card = step_card(view)
    boxes = [e for e in card["body"] if e["type"] == "Container" and e["style"] == "warning"]
    assert [b["items"][0]["text"] for b in boxes] == [view.notice]
    assert card["body"].index(boxes[0]) < card["body"].index(_inputs(card)[0])
    assert "Step 2 of" in card["body"][1]["text"]


def test_each_kind_of_question_gets_its_input() -> None:
    for view, card in _every_step_card():
        for field, element in zip(view.fields, _inputs(card), strict=True):
            _check_input(field, element)


def _check_input(field: FieldView, element: Card) -> None:
    question, kind = field.question, field.question.kind
    types = {"single": "ChoiceSet", "multi": "ChoiceSet", "text": "Text"}
    assert element["type"] == "Input." + types.get(kind.value, kind.value.capitalize())
    shown = field.value if field.value is not None else question.default
    if kind is QuestionKind.NUMBER:
        assert element.get("value") == (float(shown) if shown else None)
        assert (element.get("min"), element.get("max")) == (question.min_value, question.max_value)
    elif kind is QuestionKind.TOGGLE:
        assert (element["title"], element["valueOn"], element["valueOff"]) == (
            question.label,
            "true",
            "false",
        )
        assert element["value"] == (shown or "false")
    else:
        assert element.get("value") == shown
        assert element["label"] == question.label
    if kind is QuestionKind.SINGLE:
        assert element["style"] == ("expanded" if len(question.choices) <= 4 else "compact")
    if kind is QuestionKind.MULTI:
        assert element["isMultiSelect"] is True
        assert element["style"] == ("compact" if len(question.choices) > 12 else "expanded")
    if kind is QuestionKind.TEXT:
        assert element["maxLength"] == question.max_length
        assert element.get("isMultiline", False) is question.multiline


@pytest.mark.parametrize(("name", "role"), CASES)
def test_summary_offers_an_edit_under_each_section_and_submits(name: str, role: Role) -> None:
    for status in ApplicationStatus:
        view = summary_view(name, role, status)
        card = summary_card(view)
        assert_valid_card(card)
        edits = [e["actions"][0] for e in card["body"] if e["type"] == "ActionSet"]
        assert [e["data"] for e in edits] == [
            {"verb": "signup.edit", "role": role.value, "step": s.step.id, "version": 4}
            for s in view.sections
        ]
        (submit,) = card["actions"]
        assert submit["data"] == {"verb": "signup.submit", "role": role.value, "version": 4}
        saved = status is ApplicationStatus.SUBMITTED
        assert submit["title"] == ("Save changes" if saved else "Submit application")
        marked = [t for t in _texts(card) if t.endswith("(confidential)")]
        secret = [line for s in view.sections for line in s.lines if line.confidential]
        assert marked == [f"{line.label} (confidential)" for line in secret]
        for line in (line for s in view.sections for line in s.lines):
            assert line.value in _texts(card)
        assert any("Still needed" in t for t in _texts(card)) is bool(view.missing)


def test_confirmation_lists_next_steps_and_leads_to_my_registration() -> None:
    steps = ("We match mentees and mentors in March.", "You will hear from us by 15 March.")
    for saved in (False, True):
        view = ConfirmationView("Together", Role.MENTEE, steps, "mentoring@example.org", saved)
        card = confirmation_card(view)
        assert_valid_card(card)
        assert card["body"][0]["text"] == (
            "Your changes are saved" if saved else "Thank you — your application is in"
        )
        texts = _texts(card)
        assert texts.index(steps[0]) + 2 == texts.index(steps[1])  # a bullet between them
        assert [a["verb"] for a in card["actions"]] == ["registration.show"]


def test_refusal_names_each_reason_and_suggests_the_other_role() -> None:
    reasons = ("Mentees are P-2 to P-4; your grade is P-5.", "Registration closed on 1 March.")
    for suggested in (None, Role.MENTOR, Role.MENTEE):
        role = Role.MENTEE if suggested is not Role.MENTEE else Role.MENTOR
        card = refusal_card(RefusalView("IOM", role, reasons, suggested))
        assert_valid_card(card)
        assert card["body"][0]["text"] == f"You can't apply as a {role.value} right now"
        assert all(reason in _texts(card) for reason in reasons)
        verbs = [a["verb"] for a in card["actions"]]
        expected = [f"signup.{suggested.value}"] if suggested else []
        assert verbs == [*expected, "help"]


def registration_views() -> list[RegistrationView]:
    """No application, a draft and a submitted one, and both locked once matching started."""
    draft = ApplicationSummary(summary_view("iom", Role.MENTEE, ApplicationStatus.DRAFT), True)
    sent = ApplicationSummary(summary_view("iom", Role.MENTOR, ApplicationStatus.SUBMITTED), True)
    gone = ApplicationSummary(
        summary_view("jposc", Role.MENTOR, ApplicationStatus.WITHDRAWN), False
    )
    locked = tuple(replace(a, can_change=False) for a in (draft, sent))
    contact = "mentoring@example.org"
    return [
        RegistrationView("IOM", (), contact),
        RegistrationView("IOM", (draft, sent), contact),
        RegistrationView("JPOSC", (gone,), contact),
        RegistrationView("IOM", locked, contact, "Matching started on 1 April."),
    ]


def test_registration_shows_each_application_and_what_can_still_change() -> None:
    empty, changeable, withdrawn, locked = (registration_card(v) for v in registration_views())
    for card in (empty, changeable, withdrawn, locked):
        assert_valid_card(card)
    assert [a["verb"] for a in empty["actions"]] == ["signup.mentee", "signup.mentor"]
    rows = [a for e in _walk(changeable["body"]) if e["type"] == "ActionSet" for a in e["actions"]]
    assert [(a["verb"], a["data"]["role"]) for a in rows] == [
        ("signup.edit", "mentee"),
        ("registration.withdraw", "mentee"),
        ("signup.edit", "mentor"),
        ("registration.withdraw", "mentor"),
    ]
    assert rows[0]["data"] == {
        "verb": "signup.edit",
        "role": "mentee",
        "step": "about_you",
        "version": 4,
    }
    assert rows[1]["style"] == "destructive"
    assert {"Draft — not submitted yet", "✓ Submitted"} <= set(_texts(changeable))
    assert "Withdrawn" in _texts(withdrawn)
    for card in (withdrawn, locked):
        assert not [e for e in _walk(card["body"]) if e["type"] == "ActionSet"]
    assert any("Matching started" in t and "mentoring@example.org" in t for t in _texts(locked))


def test_notice_offers_sign_up_only_when_asked() -> None:
    for offer in (False, True):
        card = notice_card(NoticeView("Registration is closed", "It reopens in May.", offer))
        assert_valid_card(card)
        verbs = [a["verb"] for a in card["actions"]]
        assert verbs == (["signup.mentee", "signup.mentor"] if offer else ["help"])


def test_the_largest_card_stays_well_under_the_teams_limit() -> None:
    cards = [card for _, card in _every_step_card()]
    cards += [registration_card(v) for v in registration_views()]
    cards += [summary_card(summary_view(n, r, ApplicationStatus.DRAFT)) for n, r in CASES]
    largest = max(cards, key=_size)
    print(f"largest sign-up card: {_size(largest)} bytes of {28 * 1024}")
    assert _size(largest) < 24 * 1024


def test_answers_from_data_keeps_only_the_question_inputs() -> None:
    data = {"verb": "signup.next", "role": "mentee", "q.role": "mentor", "q.goals": "a,b", "q.": 1}
    assert answers_from_data(data) == {"role": "mentor", "goals": "a,b"}


def test_sign_up_verbs_are_new_and_distinct() -> None:
    assert len(SIGN_UP_VERBS) == 6
    assert not SIGN_UP_VERBS & KNOWN_VERBS
