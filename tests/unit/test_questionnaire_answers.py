"""Checking one card's inputs: typed answers for good ones, a plain message for each bad one."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pytest

from teams_app.domain.programme import Role
from teams_app.domain.questionnaire import (
    STEP_ERROR,
    Questionnaire,
    card_value,
    missing_required,
    public_profile,
    questionnaire_for,
    validate_step,
)
from teams_app.presets import load_programme

TODAY = date(2026, 9, 10)
TOGETHER = questionnaire_for(load_programme("together"))
JPOSC = questionnaire_for(load_programme("jposc"))
IOM = questionnaire_for(load_programme("iom"))
OBJECTIVE = "I want to prepare for a move to a field duty station next year."
GOOD_MENTEE_GOALS = {
    "goals": "career_paths,network",
    "personal_objective": OBJECTIVE,
    "skills_to_develop": "negotiation",
}


def errors_of(
    raw: Mapping[str, object], step: str = "mentee_goals", role: Role = Role.MENTEE
) -> dict[str, str]:
    """The error messages Together gives for `raw` on `step`."""
    return validate_step(TOGETHER, role, step, raw, TODAY).errors


def test_a_well_filled_step_gives_typed_answers_and_no_errors() -> None:
    result = validate_step(TOGETHER, Role.MENTEE, "mentee_goals", GOOD_MENTEE_GOALS, TODAY)
    assert result.ok
    assert result.answers == {
        "goals": ("career_paths", "network"),
        "personal_objective": OBJECTIVE,
        "skills_to_develop": ("negotiation",),
    }


def test_a_multi_select_is_read_from_its_comma_joined_value_in_the_questionnaires_order() -> None:
    raw = {**GOOD_MENTEE_GOALS, "goals": " network , career_paths,,network"}
    result = validate_step(TOGETHER, Role.MENTEE, "mentee_goals", raw, TODAY)
    assert result.answers["goals"] == ("career_paths", "network")


def test_choosing_too_many_goals_says_how_many_are_allowed() -> None:
    raw = {**GOOD_MENTEE_GOALS, "goals": "career_paths,network,leadership,confidence"}
    assert errors_of(raw) == {"goals": "Choose at most 3 goals."}


def test_a_choice_that_is_not_offered_is_refused_without_echoing_it() -> None:
    raw = {**GOOD_MENTEE_GOALS, "skills_to_develop": "negotiation,<script>"}
    message = errors_of(raw)["skills_to_develop"]
    assert message == "Choose competencies or skills from the list."


def test_missing_required_inputs_each_get_their_own_message() -> None:
    assert errors_of({}) == {
        "goals": "Choose at least one goal.",
        "personal_objective": "Enter your personal objective.",
        "skills_to_develop": "Choose at least one competency or skill.",
    }


def test_an_objective_too_short_or_too_long_is_refused_with_its_length() -> None:
    short = errors_of({**GOOD_MENTEE_GOALS, "personal_objective": "Grow."})
    assert short == {
        "personal_objective": "Write at least 20 characters for your personal objective "
        "(you wrote 5)."
    }
    long = errors_of({**GOOD_MENTEE_GOALS, "personal_objective": "x" * 1001})
    assert "1000 characters or fewer (you wrote 1001)" in long["personal_objective"]


def test_an_objective_keeps_its_paragraphs_but_loses_stray_control_characters() -> None:
    raw = {**GOOD_MENTEE_GOALS, "personal_objective": f"  {OBJECTIVE}\x00\r\n\r\n\r\n\r\nMore.  "}
    answer = validate_step(TOGETHER, Role.MENTEE, "mentee_goals", raw, TODAY).answers
    assert answer["personal_objective"] == f"{OBJECTIVE}\n\nMore."


def test_a_one_line_text_has_its_whitespace_collapsed() -> None:
    raw = {
        "entity": "  UN \n Women ",
        "duty_station": "Nairobi,  Kenya",
        "time_zone": "Africa/Nairobi",
        "role": "mentee",
    }
    answers = validate_step(TOGETHER, Role.MENTEE, "about_you", raw, TODAY).answers
    assert answers["entity"] == "UN Women" and answers["duty_station"] == "Nairobi, Kenya"


@pytest.mark.parametrize(
    ("entry_date", "message"),
    [
        ("2026-09-11", "Entry date can't be in the future."),
        ("2026-02-30", "Enter your entry date as a date, for example 2019-03-01."),
        ("10/09/2020", "Enter your entry date as a date, for example 2019-03-01."),
        ("1900-01-01", "Entry date can't be before 24 October 1945."),
        (20200101, "Enter your entry date as a date, for example 2019-03-01."),
    ],
)
def test_a_bad_entry_date_is_explained(entry_date: object, message: str) -> None:
    raw = {"job_network": "legal", "grade": "P-3", "entry_date": entry_date}
    assert errors_of(raw, "your_job") == {"entry_date": message}


def test_an_entry_date_of_today_is_accepted_as_a_date() -> None:
    raw = {"job_network": "legal", "grade": "P-3", "entry_date": "2026-09-10"}
    assert (
        validate_step(TOGETHER, Role.MENTEE, "your_job", raw, TODAY).answers["entry_date"] == TODAY
    )


@pytest.mark.parametrize(
    ("capacity", "answer", "message"),
    [
        ("2", 2, None),
        ("1.0", 1, None),
        (" 1 ", 1, None),
        ("3", None, "The number of mentees must be between 1 and 2."),
        ("0", None, "The number of mentees must be between 1 and 2."),
        ("1.5", None, "Enter the number of mentees as a whole number."),
        ("9" * 5000, None, "Enter the number of mentees as a whole number."),
        (True, None, "Enter the number of mentees as a whole number."),
        ("", None, "Enter the number of mentees."),
    ],
)
def test_jposc_mentor_capacity_is_a_whole_number_within_the_presets_limit(
    capacity: object, answer: int | None, message: str | None
) -> None:
    raw = {"goals_supported": "network", "skills_to_share": "writing", "capacity": capacity}
    result = validate_step(JPOSC, Role.MENTOR, "mentor_offer", raw, TODAY)
    assert result.answers.get("capacity") == answer
    assert result.errors.get("capacity") == message


@pytest.mark.parametrize(
    ("sent", "answer"), [("true", True), ("false", False), ("TRUE", True), (False, False)]
)
def test_a_toggle_reads_the_true_or_false_that_input_toggle_sends(
    sent: object, answer: bool
) -> None:
    result = validate_step(IOM, Role.MENTEE, "diversity", {"diversity_consent": sent}, TODAY)
    assert result.ok and result.answers == {"diversity_consent": answer}


def test_a_toggle_with_any_other_value_is_refused() -> None:
    result = validate_step(IOM, Role.MENTEE, "diversity", {"diversity_consent": "yes"}, TODAY)
    assert result.errors == {"diversity_consent": "Switch “Use this in my matching” on or off."}


def test_the_whole_diversity_section_may_be_left_blank() -> None:
    result = validate_step(IOM, Role.MENTOR, "diversity", {}, TODAY)
    assert result.ok and result.answers == {}


def test_keys_of_other_steps_other_roles_and_card_plumbing_are_ignored() -> None:
    raw = {**GOOD_MENTEE_GOALS, "grade": "P-3", "skills_to_share": "x", "verb": "next", "v": 3}
    result = validate_step(TOGETHER, Role.MENTEE, "mentee_goals", raw, TODAY)
    assert result.ok and set(result.answers) == set(GOOD_MENTEE_GOALS)


def test_a_step_the_role_does_not_see_is_a_stale_card_not_a_crash() -> None:
    result = validate_step(TOGETHER, Role.MENTOR, "mentee_goals", GOOD_MENTEE_GOALS, TODAY)
    assert result.answers == {} and set(result.errors) == {STEP_ERROR}
    assert "sign up" in result.errors[STEP_ERROR]


def test_an_unknown_step_id_is_refused_the_same_way() -> None:
    result = validate_step(TOGETHER, Role.MENTEE, "../../etc/passwd", {}, TODAY)
    assert set(result.errors) == {STEP_ERROR}


def test_missing_required_lists_unanswered_questions_in_the_order_they_are_asked() -> None:
    answers = {"role": "mentee", "entity": "UNDP", "goals": ("network",), "unit": ""}
    missing = missing_required(TOGETHER, Role.MENTEE, answers)
    assert missing[:3] == ["duty_station", "time_zone", "job_network"]
    assert "goals" not in missing and "unit" not in missing and "goals_supported" not in missing


def test_nothing_is_missing_once_every_required_question_is_answered() -> None:
    answers: dict[str, object] = {q.id: "x" for q in TOGETHER.questions_for(Role.MENTOR)}
    assert missing_required(TOGETHER, Role.MENTOR, answers) == []
    answers["topics"] = ()
    assert missing_required(TOGETHER, Role.MENTOR, answers) == ["topics"]


def full_answers(questionnaire: Questionnaire) -> dict[str, object]:
    """An answer to every question of both roles, whatever its visibility."""
    return {question.id: f"answer to {question.id}" for question in questionnaire.questions}


@pytest.mark.parametrize("questionnaire", [TOGETHER, JPOSC, IOM], ids=["together", "jposc", "iom"])
def test_the_public_profile_never_carries_admin_or_confidential_answers(
    questionnaire: Questionnaire,
) -> None:
    answers = {**full_answers(questionnaire), "diversity_sogiesc": "yes", "stray": "secret"}
    profile = public_profile(questionnaire, answers)
    for question_id in profile:
        assert questionnaire.question(question_id).visibility == "pair"
    hidden = {q.id for q in questionnaire.questions if q.visibility != "pair"}
    assert hidden and not hidden & set(profile)
    assert "stray" not in profile and "diversity_sogiesc" not in profile


def test_the_public_profile_keeps_the_answers_a_matched_person_may_see() -> None:
    profile = public_profile(TOGETHER, full_answers(TOGETHER))
    assert {"languages", "personal_objective", "duty_station", "topics"} <= set(profile)
    assert "role" not in profile


def test_in_iom_nothing_at_all_reaches_the_matched_colleague() -> None:
    assert public_profile(IOM, full_answers(IOM)) == {}


def test_card_value_writes_an_answer_the_way_its_input_sends_it() -> None:
    assert card_value(("career_paths", "network")) == "career_paths,network"
    assert (card_value(True), card_value(False)) == ("true", "false")
    assert card_value(date(2019, 3, 1)) == "2019-03-01"
    assert card_value(2) == "2"
