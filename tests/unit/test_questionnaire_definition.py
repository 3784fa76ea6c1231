"""The questionnaire each shipped preset builds: well formed, stable, and shaped by its preset."""

from __future__ import annotations

import json
import zoneinfo
from dataclasses import replace
from typing import Any

import pytest

from teams_app.domain.programme import Role
from teams_app.domain.questionnaire import (
    Choice,
    HrField,
    Question,
    QuestionKind,
    Questionnaire,
    Step,
    Visibility,
    questionnaire_for,
    to_json,
)
from teams_app.domain.questionnaire.time_zones import TIME_ZONES
from teams_app.domain.questionnaire.vocabulary import DEFAULT_GRADE_LADDER
from teams_app.presets import load_programme
from tests.unit.preset_editing import SHIPPED


def built(name: str) -> Questionnaire:
    """The questionnaire of a shipped preset."""
    return questionnaire_for(load_programme(name))


@pytest.mark.parametrize("name", SHIPPED)
def test_every_preset_builds_a_questionnaire_for_its_own_programme(name: str) -> None:
    questionnaire = built(name)
    ids = [question.id for question in questionnaire.questions]
    assert questionnaire.programme_id == name
    assert len(ids) == len(set(ids))
    placed = [qid for step in questionnaire.steps for qid in step.question_ids]
    assert sorted(placed) == sorted(ids)


@pytest.mark.parametrize("name", SHIPPED)
def test_every_choice_question_has_unique_choice_ids_safe_for_a_comma_joined_value(
    name: str,
) -> None:
    for question in built(name).questions:
        ids = question.choice_ids()
        assert len(ids) == len(set(ids)), question.id
        assert all("," not in choice_id and choice_id.strip() == choice_id for choice_id in ids)
        assert bool(ids) == (question.kind in (QuestionKind.SINGLE, QuestionKind.MULTI))


@pytest.mark.parametrize("name", SHIPPED)
@pytest.mark.parametrize("role", list(Role))
def test_each_role_sees_five_to_seven_cards_of_three_to_seven_questions(
    name: str, role: Role
) -> None:
    steps = built(name).steps_for(role)
    assert 5 <= len(steps) <= 7
    assert all(3 <= len(step.question_ids) <= 7 for step in steps), [
        (step.id, len(step.question_ids)) for step in steps
    ]


@pytest.mark.parametrize("name", SHIPPED)
@pytest.mark.parametrize("role", list(Role))
def test_the_content_the_brief_asks_for_is_asked_of_each_role(name: str, role: Role) -> None:
    asked = {question.id for question in built(name).questions_for(role)}
    common = {
        "role", "languages", "other_languages", "preferred_language", "topics", "activities",
        "job_network", "grade", "entry_date", "duty_station", "time_zone", "entity", "unit",
    }  # fmt: skip
    own = (
        {"goals", "personal_objective", "skills_to_develop"}
        if role is Role.MENTEE
        else {"goals_supported", "skills_to_share"}
    )
    assert common | own <= asked


def test_jposc_asks_mentors_whether_they_were_a_jpo_or_sarc() -> None:
    question = built("jposc").question("former_jpo")
    assert question.roles == (Role.MENTOR,)
    assert question.required
    assert question.choice_ids() == ("jpo", "sarc", "no")


@pytest.mark.parametrize("name", ["iom", "together"])
def test_programmes_without_the_former_jpo_rule_do_not_ask_it(name: str) -> None:
    assert "former_jpo" not in {question.id for question in built(name).questions}


def test_jposc_mentees_name_their_assignment_from_the_presets_types() -> None:
    question = built("jposc").question("assignment_type")
    assert question.choice_ids() == ("JPO", "SARC", "SDP")
    assert question.roles == (Role.MENTEE,)


def test_the_grade_ladder_comes_from_the_preset_when_it_sets_one() -> None:
    together = load_programme("together")
    grade = questionnaire_for(together).question("grade")
    assert grade.choice_ids() == together.eligibility.grade_ladder
    assert "NO-E" in grade.choice_ids()


def test_a_preset_without_a_ladder_gets_the_un_common_system_ladder() -> None:
    grades = built("jposc").question("grade").choice_ids()
    assert grades == DEFAULT_GRADE_LADDER
    assert grades[0] == "G-1" and grades[-1] == "USG" and "NO-D" in grades and "P-5" in grades


def test_mentor_capacity_is_asked_up_to_the_presets_maximum() -> None:
    jposc = load_programme("jposc")
    capacity = questionnaire_for(jposc).question("capacity")
    assert (capacity.min_value, capacity.max_value) == (1, jposc.matching.max_mentor_capacity)
    assert capacity.default == "1"
    assert capacity.roles == (Role.MENTOR,)


def test_capacity_is_not_asked_where_every_mentor_takes_exactly_one_mentee() -> None:
    assert "capacity" not in {question.id for question in built("together").questions}


def test_a_raised_capacity_in_a_preset_adds_the_question() -> None:
    together = load_programme("together")
    roomy = replace(together, matching=replace(together.matching, max_mentor_capacity=4))
    assert questionnaire_for(roomy).question("capacity").max_value == 4


def test_both_roles_are_offered_only_where_the_preset_allows_them() -> None:
    assert "both" in built("iom").question("role").choice_ids()
    assert built("together").question("role").choice_ids() == ("mentee", "mentor")


def test_the_diversity_section_is_last_optional_and_confidential() -> None:
    questionnaire = built("iom")
    assert questionnaire.steps[-1].id == "diversity"
    section = [questionnaire.question(qid) for qid in questionnaire.steps[-1].question_ids]
    assert all(not question.required for question in section)
    assert all(question.visibility is Visibility.CONFIDENTIAL for question in section)
    for question in section[:-1]:
        assert "prefer_not_to_say" in question.choice_ids()
    consent = section[-1]
    assert consent.id == "diversity_consent" and consent.kind is QuestionKind.TOGGLE
    assert consent.label == "Use this in my matching" and consent.default == "false"


@pytest.mark.parametrize("name", SHIPPED)
def test_confidential_questions_are_exactly_the_diversity_section(name: str) -> None:
    questionnaire = built(name)
    confidential = {
        q.id for q in questionnaire.questions if q.visibility is Visibility.CONFIDENTIAL
    }
    diversity = next((s for s in questionnaire.steps if s.id == "diversity"), None)
    assert confidential == set(diversity.question_ids if diversity else ())


@pytest.mark.parametrize("name", ["jposc", "together"])
def test_programmes_that_do_not_weigh_diversity_do_not_collect_it(name: str) -> None:
    assert all(step.id != "diversity" for step in built(name).steps)


def test_iom_keeps_every_answer_from_the_matched_colleague() -> None:
    # Seed 001: registration answers are "strictly accessible to the Programme Administrators".
    assert all(question.visibility is not Visibility.PAIR for question in built("iom").questions)
    assert any(question.visibility is Visibility.PAIR for question in built("together").questions)


def test_the_personal_objective_is_a_mentees_own_words_of_20_to_1000_characters() -> None:
    question = built("together").question("personal_objective")
    assert question.kind is QuestionKind.TEXT and question.required and question.multiline
    assert (question.min_length, question.max_length) == (20, 1000)


def test_languages_list_the_six_un_languages_first_and_the_preference_is_one_of_them() -> None:
    questionnaire = built("together")
    assert questionnaire.question("languages").choice_ids()[:6] == (
        "en",
        "fr",
        "es",
        "zh",
        "ar",
        "ru",
    )
    assert {"pt", "de", "sw", "hi"} <= set(questionnaire.question("languages").choice_ids())
    assert questionnaire.question("preferred_language").kind is QuestionKind.SINGLE


def test_choice_ids_the_matching_relies_on_stay_as_they_were_published() -> None:
    questionnaire = built("together")
    assert questionnaire.question("activities").choice_ids() == (
        "situation_exercises", "role_play", "shadowing", "networking", "peer_feedback",
        "reverse_mentoring", "joint_webinars",
    )  # fmt: skip
    assert questionnaire.question("job_network").choice_ids() == (
        "management_administration", "economic_social_development",
        "political_peace_humanitarian", "information_technology", "legal",
        "public_information_conference", "safety_security", "logistics_supply_chain", "science",
    )  # fmt: skip
    skills = questionnaire.question("skills_to_develop").choice_ids()
    assert {"communication", "leadership", "negotiation"} <= set(skills)
    assert skills == questionnaire.question("skills_to_share").choice_ids()
    assert (
        questionnaire.question("goals").choice_ids()
        == questionnaire.question("goals_supported").choice_ids()
    )


def test_every_time_zone_offered_is_a_real_iana_zone() -> None:
    known = zoneinfo.available_timezones()
    ids = [choice.id for choice in TIME_ZONES]
    assert len(ids) >= 80 and len(ids) == len(set(ids))
    assert [zone for zone in ids if zone not in known] == []
    assert {"Europe/Zurich", "America/New_York", "Africa/Nairobi", "Asia/Bangkok"} <= set(ids)


def test_hr_fields_prefill_the_job_profile_questions() -> None:
    questionnaire = built("together")
    prefilled = {q.prefill_from: q.id for q in questionnaire.questions if q.prefill_from}
    assert set(prefilled) == set(HrField)
    assert prefilled[HrField.ENTRY_DATE] == "entry_date"


def test_steps_for_a_role_drop_the_questions_of_the_other_role() -> None:
    mentor_steps = built("together").steps_for(Role.MENTOR)
    assert "mentee_goals" not in [step.id for step in mentor_steps]
    questions = built("together").questions_for(Role.MENTOR)
    assert all(Role.MENTOR in question.roles for question in questions)


def test_an_unknown_question_id_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        built("together").question("favourite_colour")


@pytest.mark.parametrize("name", SHIPPED)
def test_the_json_form_is_valid_json_stable_and_complete(name: str) -> None:
    text = json.dumps(to_json(built(name)))
    assert text == json.dumps(to_json(built(name)))
    data = json.loads(text)
    assert list(data) == ["programme_id", "steps", "questions"]
    assert list(data["steps"][0]) == ["id", "title", "intro", "question_ids"]
    assert list(data["questions"][0]) == [
        "id", "kind", "label", "noun", "help", "choices", "required", "visibility", "roles",
        "max_length", "min_length", "multiline", "min_value", "max_value", "max_choices",
        "past_only", "not_before", "default", "prefill_from", "noun_plural",
    ]  # fmt: skip
    entry = next(q for q in data["questions"] if q["id"] == "entry_date")
    assert entry["not_before"] == "1945-10-24" and entry["prefill_from"] == "entry_date"


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"id": "Bad Id"}, "snake_case"),
        ({"choices": (Choice("a", "A"), Choice("a", "B"))}, "unique"),
        ({"choices": (Choice("a,b", "A"),)}, "no commas"),
        ({"choices": ()}, "need choices"),
        ({"max_choices": 3}, "max_choices"),
        ({"roles": ()}, "role"),
    ],
)
def test_a_malformed_question_is_refused_when_it_is_built(
    changes: dict[str, Any], problem: str
) -> None:
    sound = Question("topic", QuestionKind.MULTI, "Topic?", "topic", choices=(Choice("a", "A"),))
    with pytest.raises(ValueError, match=problem):
        replace(sound, **changes)


def test_a_questionnaire_whose_step_names_a_missing_question_is_refused() -> None:
    question = Question("unit", QuestionKind.TEXT, "Unit?", "unit", max_length=10)
    with pytest.raises(ValueError, match="exactly one step"):
        Questionnaire("x", (Step("s", "S", "", ("unit", "ghost")),), (question,))
