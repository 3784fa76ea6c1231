"""Between stored answers and what a sign-up card shows: values, HR prefill, summaries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from teams_app.domain.applications import Application
from teams_app.domain.eligibility import ApplicationFacts, former_jpo_answer, long_date
from teams_app.domain.people import Person
from teams_app.domain.prefill import hr_answer
from teams_app.domain.programme import MatchingMode, Programme, Role
from teams_app.domain.questionnaire import (
    ROLE_QUESTION,
    Answer,
    Question,
    QuestionKind,
    Questionnaire,
    Step,
    Visibility,
    card_value,
    missing_required,
)
from teams_app.services.signup_views import AnswerLine, FieldView, SummarySection

SUMMARY_STEP = "summary"  # the `step` of an application whose questionnaire is complete


def stored_answers(application: Application) -> dict[str, object]:
    """Every stored answer (card values), confidential ones included."""
    return {**application.answers, **application.confidential}


def field_views(
    questionnaire: Questionnaire,
    step: Step,
    application: Application,
    person: Person | None,
    errors: Mapping[str, str],
    raw: Mapping[str, object] | None,
) -> tuple[FieldView, ...]:
    """The questions of a step with what to show in each: what was typed, stored, or HR's."""
    stored = stored_answers(application)
    views = []
    for question_id in step.question_ids:
        if question_id == ROLE_QUESTION:
            continue
        question = questionnaire.question(question_id)
        value, from_hr = _shown_value(question, stored, person, raw)
        views.append(FieldView(question, value, errors.get(question_id), from_hr))
    return tuple(views)


def _shown_value(
    question: Question,
    stored: Mapping[str, object],
    person: Person | None,
    raw: Mapping[str, object] | None,
) -> tuple[str | None, bool]:
    if raw is not None:
        typed = raw.get(question.id)
        # A rejected card comes back with what the person typed, not with the stored answer.
        return (str(typed)[:20_000] if typed is not None else None), False
    if question.id in stored:
        return str(stored[question.id]), False
    suggested = hr_answer(question, person)
    return (suggested, True) if suggested is not None else (question.default, False)


def merge_step(
    questionnaire: Questionnaire,
    application: Application,
    step_id: str,
    answers: Mapping[str, Answer],
) -> Application:
    """The application with one step's answers in place; cleared optional answers removed."""
    public = dict(application.answers)
    confidential = dict(application.confidential)
    for question_id in questionnaire.step(step_id).question_ids:
        question = questionnaire.question(question_id)
        target = confidential if question.visibility is Visibility.CONFIDENTIAL else public
        target.pop(question_id, None)
        if question_id in answers:
            target[question_id] = card_value(answers[question_id])
    return replace(application, answers=public, confidential=confidential)


def summary_sections(
    questionnaire: Questionnaire, role: Role, application: Application
) -> tuple[tuple[SummarySection, ...], tuple[str, ...]]:
    """The answers per step as the person reads them, and the required ones still missing."""
    stored = stored_answers(application)
    sections = []
    for step in questionnaire.steps_for(role):
        lines = tuple(
            AnswerLine(
                question.label,
                display(question, str(stored[question.id])),
                question.visibility is Visibility.CONFIDENTIAL,
            )
            for question in (questionnaire.question(qid) for qid in step.question_ids)
            if question.id != ROLE_QUESTION and question.id in stored
        )
        sections.append(SummarySection(step, lines))
    with_role = {**stored, ROLE_QUESTION: role.value}
    missing = tuple(
        questionnaire.question(qid).label
        for qid in missing_required(questionnaire, role, with_role)
    )
    return tuple(sections), missing


def display(question: Question, value: str) -> str:
    """A stored card value in words: choice labels, Yes/No, dates written out."""
    labels = {choice.id: choice.label for choice in question.choices}
    if question.kind is QuestionKind.MULTI:
        # Labels may hold commas themselves ("Field and headquarters experience, …").
        return "; ".join(labels.get(part, part) for part in value.split(",") if part)
    if question.kind is QuestionKind.SINGLE:
        return labels.get(value, value)
    if question.kind is QuestionKind.TOGGLE:
        return "Yes" if value == "true" else "No"
    if question.kind is QuestionKind.DATE:
        try:
            return long_date(date.fromisoformat(value))
        except ValueError:
            return value
    return value


def facts_from(
    person: Person,
    answers: Mapping[str, object],
    other_roles: frozenset[Role],
    questionnaire: Questionnaire,
) -> ApplicationFacts:
    """What the eligibility rules need: the person's answers where given, else HR's data."""

    def pick(question_id: str) -> str | None:
        if question_id in answers:
            return str(answers[question_id])
        try:
            return hr_answer(questionnaire.question(question_id), person)
        except KeyError:
            return None

    entry = pick("entry_date")
    former = answers.get("former_jpo")
    return ApplicationFacts(
        entity=pick("entity") or person.entity,
        entry_date=date.fromisoformat(entry) if entry else None,
        former_jpo=former_jpo_answer(former),
        existing_roles=other_roles,
        grade=pick("grade"),
        assignment_type=pick("assignment_type"),
    )


def next_steps(programme: Programme, role: Role, entity: str | None) -> tuple[str, ...]:
    """What happens after submitting, with the dates the preset gives for this person."""
    steps: list[str] = []
    window = programme.window_for(role, entity)
    closes = window.closes if window is not None else programme.registration.last_closing()
    steps.append(
        f"You can review and change your answers with “my registration” until "
        f"registration closes on {long_date(closes)}."
    )
    mode = programme.matching.mode
    if mode is MatchingMode.CHOICE and role is Role.MENTEE:
        steps.append(
            f"Then you will receive {programme.matching.suggestions} suggested mentors here in "
            f"Teams and pick up to {programme.matching.choices}; each mentor confirms."
        )
    elif mode is MatchingMode.CHOICE:
        steps.append("Then mentees choose their mentors; you will be asked to accept or decline.")
    elif mode is MatchingMode.SEARCH and role is Role.MENTEE:
        steps.append("You can then search the mentors and send a request to the one you choose.")
    elif mode is MatchingMode.SEARCH:
        steps.append("Mentees can then find your profile and send you a request.")
    else:
        steps.append("The programme administrators then pair mentors and mentees and tell you.")
    if programme.starts_on is not None:
        steps.append(
            f"The programme starts on {long_date(programme.starts_on)} and runs for "
            f"{programme.duration_months} months."
        )
    return tuple(steps)
