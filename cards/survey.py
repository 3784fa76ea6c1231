"""The end-of-programme survey card: one input per question, Send my answers (Action.Execute,
answered once), and the thanks that replaces it; plus the administrators' aggregate card."""

from __future__ import annotations

from typing import Any

from microsoft_teams.cards import CardElement, ChoiceSetInput, Fact, FactSet, TextBlock, TextInput
from microsoft_teams.cards import Choice as CardChoice

from cards.base import button, header, paragraph, render
from cards.signup import notice_box, section_heading
from teams_app.domain.survey import MAX_TEXT, SurveyQuestion, SurveyQuestionKind
from teams_app.services.surveys import (
    ANSWER_PREFIX,
    SurveyNotice,
    SurveySummaryView,
    SurveyView,
)

VERB_SURVEY_SUBMIT = "survey.submit"
SURVEY_VERBS = frozenset({VERB_SURVEY_SUBMIT})


def survey_card(view: SurveyView) -> dict[str, Any]:
    """The questions to answer, or the thanks once the answers are saved."""
    body: list[CardElement] = [*header(view.title, view.programme_name)]
    if view.submitted:
        body.append(notice_box(view.notice or "Thank you.", "good"))
        return render(body, speak=view.title)
    body.append(paragraph(view.intro, spacing="Medium"))
    if view.problems:
        body.append(notice_box("Some answers need a look: see the notes below.", "warning"))
    for question in view.questions:
        body.append(_input(question, view.values.get(question.id)))
        problem = view.problems.get(question.id)
        if problem:
            body.append(TextBlock(text=problem, color="Attention", wrap=True, spacing="Small"))
    data = {"pairing": view.pairing_id, "survey": view.survey_id}
    send = button("Send my answers", VERB_SURVEY_SUBMIT, "positive", **data)
    return render(body, [send], speak=view.title)


def survey_notice_card(view: SurveyNotice) -> dict[str, Any]:
    """A survey action that was refused, and why."""
    return render([*header(view.title), paragraph(view.text, spacing="Medium")], speak=view.title)


def survey_summary_card(view: SurveySummaryView) -> dict[str, Any]:
    """The aggregate: counts per option and average ratings; written answers only counted."""
    title = f"Survey results: {view.responses} responses"
    body: list[CardElement] = [*header(title, view.programme_name)]
    for summary in view.questions:
        body.append(section_heading(summary.question.text))
        facts = [Fact(title=option, value=str(count)) for option, count in summary.counts]
        if summary.average is not None:
            facts.append(Fact(title="Average", value=f"{summary.average:.2f}"))
        facts.append(Fact(title="Answered", value=str(summary.answered)))
        body.append(FactSet(facts=facts, spacing="Small"))
    return render(body, speak=title)


def answer_input_id(question_id: str) -> str:
    """The card input of a question, apart from the button's own data keys."""
    return f"{ANSWER_PREFIX}{question_id}"


def survey_card_for(view: object) -> dict[str, Any] | None:
    """The survey card of a view; None when the view is not a survey one."""
    if isinstance(view, SurveyView):
        return survey_card(view)
    if isinstance(view, SurveyNotice):
        return survey_notice_card(view)
    if isinstance(view, SurveySummaryView):
        return survey_summary_card(view)
    return None


def _input(question: SurveyQuestion, value: str | None) -> CardElement:
    common: dict[str, Any] = {
        "id": answer_input_id(question.id),
        "label": question.text,
        "spacing": "Medium",
    }
    if question.required:
        common |= {"is_required": True, "error_message": "Please answer this question."}
    if question.kind is SurveyQuestionKind.TEXT:
        return TextInput(**common, is_multiline=True, max_length=MAX_TEXT, value=value)
    # A rating's question says what 1 and 5 mean (the words differ from question to question).
    choices = [CardChoice(title=option, value=option) for option in question.allowed]
    return ChoiceSetInput(**common, choices=choices, style="expanded", value=value, wrap=True)
