"""The end-of-programme survey: questions as data, answers checked, results only in aggregate."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.notifier import card_for_view
from teams_app.domain.programme import PresetError, Role
from teams_app.domain.survey import MAX_TEXT, check_answers, parse_survey, summarise
from teams_app.presets import load_programme
from teams_app.services.surveys import SurveyNotice, SurveySummaryView, SurveyView
from teams_app.surveys import load_survey
from tests.card_schema import assert_valid_card

TOGETHER = load_survey(load_programme("together"))
assert TOGETHER is not None


def test_every_preset_has_a_survey_with_a_required_overall_rating() -> None:
    for name in ("together", "iom", "jposc"):
        survey = load_survey(load_programme(name))
        assert survey is not None
        overall = next(q for q in survey.questions if q.id == "overall")
        assert overall.required and overall.allowed == ("1", "2", "3", "4", "5")


def test_answers_outside_the_options_or_too_long_are_refused_and_kept_out() -> None:
    checked = check_answers(
        TOGETHER,
        Role.MENTEE,
        {"overall": "7", "goals_met": "Partly", "feedback": "x" * (MAX_TEXT + 1)},
    )
    assert checked.answers == {"goals_met": "Partly"}
    assert set(checked.problems) == {"overall", "feedback"}


def test_a_mentor_is_not_asked_mentee_questions_and_their_answers_are_ignored() -> None:
    checked = check_answers(TOGETHER, Role.MENTOR, {"overall": "4", "goals_met": "Fully"})
    assert checked.answers == {"overall": "4"} and checked.problems == {}
    assert all(q.id != "goals_met" for q in TOGETHER.for_role(Role.MENTOR))


@given(st.lists(st.sampled_from(["1", "2", "3", "4", "5"]), min_size=1, max_size=30))
def test_the_aggregate_counts_every_rating_and_never_quotes_written_answers(
    ratings: list[str],
) -> None:
    sets = [{"overall": r, "feedback": f"private note {i}"} for i, r in enumerate(ratings)]
    summary = {s.question.id: s for s in summarise(TOGETHER, sets)}
    assert sum(count for _, count in summary["overall"].counts) == len(ratings)
    assert summary["overall"].average == round(sum(map(int, ratings)) / len(ratings), 2)
    assert summary["feedback"].answered == len(ratings) and summary["feedback"].counts == ()
    assert "private note" not in repr(summary)


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ({"id": "a", "kind": "choice", "text": "Pick"}, "lists its options"),
        ({"id": "A b", "kind": "text", "text": "Say"}, "lower-case"),
        ({"id": "a", "kind": "rating", "text": "Rate", "roles": ["boss"]}, "roles"),
    ],
)
def test_a_bad_survey_file_names_the_key(question: dict[str, object], message: str) -> None:
    raw = {"id": "s", "title": "T", "intro": "I", "questions": [question]}
    with pytest.raises(PresetError, match=message):
        parse_survey(raw, "programmes/surveys/x.toml")


def test_survey_cards_validate_and_carry_their_inputs_apart_from_the_button_data() -> None:
    questions = TOGETHER.for_role(Role.MENTEE)
    asking = SurveyView("Together", 3, TOGETHER.id, TOGETHER.title, TOGETHER.intro, questions)
    wrong = SurveyView(
        "Together", 3, TOGETHER.id, TOGETHER.title, TOGETHER.intro, questions,
        {"overall": "4"}, {"goals_met": "Please answer this question."},
    )  # fmt: skip
    thanks = SurveyView("Together", 3, TOGETHER.id, "T", "I", (), submitted=True, notice="Saved")
    summary = SurveySummaryView("Together", TOGETHER.id, 1, tuple(summarise(TOGETHER, [{}])))
    for view in (asking, wrong, thanks, summary, SurveyNotice("No", "Nothing was saved.")):
        assert_valid_card(card_for_view(view))
    card = card_for_view(asking)
    ids = [e["id"] for e in card["body"] if "id" in e]
    assert ids == [f"q_{q.id}" for q in questions]
    (send,) = card["actions"]
    assert send["data"] == {"verb": "survey.submit", "pairing": 3, "survey": TOGETHER.id}
    assert "Please answer this question." in str(card_for_view(wrong))
