"""Application rows: each column lands on its question and is checked as the card checks it."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teams_app.domain.import_outcome import import_refusals, merged_answers
from teams_app.domain.import_rows import (
    COLUMN_QUESTIONS,
    Applicant,
    ApplicationReader,
    application_columns,
    column_for,
)
from teams_app.domain.import_table import Rejected, SourceRow
from teams_app.domain.programme import Role
from teams_app.domain.questionnaire import card_value, questionnaire_for, validate_step
from teams_app.presets import load_programme

TODAY = date(2026, 10, 1)  # after Together's registration closed: imports come late
PROGRAMMES = {name: load_programme(name) for name in ("together", "iom", "jposc")}
READERS = {name: ApplicationReader(p, questionnaire_for(p)) for name, p in PROGRAMMES.items()}
TOGETHER = READERS["together"]
MENTEE = {
    "email": "Mei.Chen@un.org",
    "name": "  Mei   Chen ",
    "role": "mentee",
    "languages": "zh;en",
    "preferred_language": "en",
    "grade": "P-2",
    "entry_date": "2022-01-10",
    "duty_station": "Bangkok",
    "time_zone": "Asia/Bangkok",
    "entity": "ESCAP",
    "unit": "Statistics Division",
    "job_network": "economic_social_development",
    "goals": "career_paths;network",
    "personal_objective": "I want to move from statistics into policy work in the field.",
    "competencies": "policy_advice;writing",
    "topics": "mobility",
    "activities": "",
}
MENTOR = MENTEE | {
    "email": "carlos.mendoza@un.org",
    "name": "Carlos Mendoza",
    "role": "mentor",
    "grade": "P-5",
    "entry_date": "2008-06-02",
    "personal_objective": "",
    "goals": "next_level;skill;feedback;leadership",
}


def read(values: dict[str, str], programme: str = "together") -> Applicant | Rejected:
    """The outcome of one row on line 7."""
    return READERS[programme].read(SourceRow(7, values), TODAY)


def accepted(values: dict[str, str], programme: str = "together") -> Applicant:
    outcome = read(values, programme)
    assert isinstance(outcome, Applicant), outcome
    return outcome


def reasons(values: dict[str, str], programme: str = "together") -> str:
    outcome = read(values, programme)
    assert isinstance(outcome, Rejected), outcome
    return outcome.describe()


def test_goals_and_competencies_go_to_each_roles_own_question() -> None:
    assert column_for("goals", Role.MENTEE) == "goals"
    assert column_for("goals_supported", Role.MENTOR) == "goals"
    assert column_for("skills_to_develop", Role.MENTEE) == "competencies"
    assert column_for("skills_to_share", Role.MENTOR) == "competencies"
    assert column_for("capacity", Role.MENTOR) == "mentor_capacity"
    assert column_for("former_jpo", Role.MENTOR) == "former_jpo"  # not in the table: own name


def test_every_mapped_question_exists_in_some_shipped_questionnaire() -> None:
    known = {q.id for r in READERS.values() for q in r.questionnaire.questions}
    assert {qid for by_role in COLUMN_QUESTIONS.values() for qid in by_role.values()} <= known


def test_required_columns_follow_the_programmes_required_questions() -> None:
    together = application_columns(PROGRAMMES["together"], TOGETHER.questionnaire)
    assert together.required[:3] == ("email", "name", "role")
    assert {"personal_objective", "goals", "competencies", "topics"} <= set(together.required)
    assert {"activities", "unit", "aad_object_id", "previous_mentee_editions"} <= set(
        together.optional
    )
    assert "mentor_capacity" not in together.required + together.optional  # Together: 1 each
    jposc = READERS["jposc"].columns
    assert {"mentor_capacity", "former_jpo", "assignment_type"} <= set(jposc.required)
    assert "previous_mentee_editions" in READERS["iom"].columns.required  # IOM bars 2 editions


def test_a_good_mentee_row_gives_typed_answers_for_each_question() -> None:
    applicant = accepted(MENTEE)
    assert (applicant.line, applicant.email, applicant.name) == (7, "Mei.Chen@un.org", "Mei Chen")
    assert applicant.key == ("mei.chen@un.org", Role.MENTEE)
    answers = applicant.answers
    assert answers["languages"] == ("en", "zh")  # the questionnaire's order, as cards store it
    assert answers["entry_date"] == date(2022, 1, 10)
    assert answers["goals"] == ("career_paths", "network")
    assert answers["skills_to_develop"] == ("writing", "policy_advice")
    assert answers["role"] == "mentee"
    assert "activities" not in answers and "activities" in applicant.covered  # blank: cleared
    assert "contact_modes" not in applicant.covered  # no column: left as stored


def test_a_mentors_goals_column_answers_the_goals_they_support() -> None:
    applicant = accepted(MENTOR)
    assert applicant.answers["goals_supported"] == ("next_level", "leadership", "skill", "feedback")
    assert "goals" not in applicant.answers and "personal_objective" not in applicant.covered


def test_labels_and_loose_spellings_become_the_choice_ids_the_cards_send() -> None:
    applicant = accepted(
        MENTEE
        | {
            "grade": "p2",
            "role": "Mentee",
            "languages": "Chinese; ENGLISH",
            "job_network": "Economic, Social and Development",
        }
    )
    assert applicant.answers["grade"] == "P-2"
    assert applicant.answers["languages"] == ("en", "zh")
    assert applicant.answers["job_network"] == "economic_social_development"


def test_an_unknown_language_and_grade_are_named_with_the_choices() -> None:
    said = reasons(MENTEE | {"languages": "en;xx", "grade": "P6"})
    assert said.startswith('line 7: grade: "P6" is not one of the choices (choose from G-1,')
    assert 'languages: "xx" is not one of the choices (choose from en, fr, es' in said


def test_a_long_list_of_choices_is_pointed_to_rather_than_listed() -> None:
    said = reasons(MENTEE | {"time_zone": "CET"})
    assert (
        'time_zone: "CET" is not one of the choices (120 choices: see python -m teams_app' in said
    )


def test_a_badly_written_date_shows_what_the_file_has() -> None:
    said = reasons(MENTEE | {"entry_date": "15/03/2019"})
    assert said == (
        "line 7: entry_date: Enter your entry date as a date, for example 2019-03-01 "
        '(the file has "15/03/2019")'
    )


def test_every_problem_of_a_row_is_listed_not_just_the_first() -> None:
    said = reasons(MENTEE | {"email": "nope", "personal_objective": "", "goals": "a;b;c;d"})
    assert 'email: "nope" is not an e-mail address' in said
    assert "personal_objective: Enter your personal objective" in said
    assert "goals: " in said


def test_too_many_choices_are_refused_with_the_cards_message() -> None:
    said = reasons(MENTEE | {"goals": "career_paths;network;leadership;skill"})
    assert said == "line 7: goals: Choose at most 3 goals"


def test_an_unknown_role_stops_the_row_with_one_reason() -> None:
    assert (
        reasons(MENTEE | {"role": "observer"}) == 'line 7: role: "observer" is not mentor or mentee'
    )
    assert reasons(MENTEE | {"role": ""}) == "line 7: role: write mentor or mentee"


def test_ids_and_editions_are_checked_too() -> None:
    said = reasons(MENTEE | {"aad_object_id": "1234", "previous_mentee_editions": "2024;spring 23"})
    assert 'aad_object_id: "1234" is not a Microsoft Entra object id' in said
    assert 'previous_mentee_editions: "spring 23" is not an edition such as 2024' in said
    guid = "6F1A2B3C-0000-4000-8000-00000000ABCD"
    assert accepted(MENTEE | {"aad_object_id": guid}).aad_object_id == guid.lower()


def test_a_malformed_record_is_rejected_with_its_own_problem() -> None:
    row = SourceRow(9, {"email": "a@un.org"}, problem="the row has 4 cells but the header has 19")
    assert TOGETHER.read(row, TODAY) == Rejected(9, (row.problem or "",))


def test_the_registration_window_is_not_checked_but_seniority_is() -> None:
    applicant = accepted(MENTOR)  # Together's mentor registration closed on 15 September
    assert import_refusals(PROGRAMMES["together"], applicant, (), TODAY) == ()
    junior = accepted(MENTOR | {"entry_date": "2025-06-01"})
    (refusal,) = import_refusals(PROGRAMMES["together"], junior, (), TODAY)
    assert refusal.startswith("not eligible (mentor_seniority): Mentors need at least 2 years")


def test_one_role_per_person_and_recent_mentees_are_enforced() -> None:
    applicant = accepted(MENTEE)
    (refusal,) = import_refusals(PROGRAMMES["together"], applicant, {Role.MENTOR}, TODAY)
    assert refusal.startswith("not eligible (one_role_only)")
    iom_row = MENTEE | {"previous_mentee_editions": "2025", "grade": "P-2"}
    iom_applicant = accepted(iom_row, "iom")
    (refusal,) = import_refusals(PROGRAMMES["iom"], iom_applicant, (), TODAY)
    assert refusal.startswith("not eligible (recent_mentee)")


def test_former_jpos_may_mentor_in_jposc_and_others_may_not() -> None:
    jposc = MENTOR | {"mentor_capacity": "2", "former_jpo": "SARC", "assignment_type": ""}
    applicant = accepted(jposc, "jposc")
    assert applicant.answers["capacity"] == 2 and applicant.answers["former_jpo"] == "sarc"
    assert import_refusals(PROGRAMMES["jposc"], applicant, (), TODAY) == ()
    never = accepted(jposc | {"former_jpo": "no"}, "jposc")
    (refusal,) = import_refusals(PROGRAMMES["jposc"], never, (), TODAY)
    assert refusal.startswith("not eligible (former_jpo_required)")


def test_merging_keeps_confidential_answers_apart_and_leaves_uncovered_ones() -> None:
    iom = READERS["iom"]
    row = MENTEE | {"previous_mentee_editions": "", "diversity_disability": "Prefer not to say"}
    applicant = accepted(row, "iom")
    stored = {"contact_modes": "phone", "activities": "role_play"}
    public, secret = merged_answers(
        iom.questionnaire, applicant, stored, {"diversity_sogiesc": "no"}
    )
    assert secret == {"diversity_sogiesc": "no", "diversity_disability": "prefer_not_to_say"}
    assert public["contact_modes"] == "phone"  # no column in the file: kept
    assert "activities" not in public  # a blank cell clears an optional answer
    assert public["languages"] == "en,zh" and public["role"] == "mentee"


JPOSC_EXTRAS = {"assignment_type": "JPO", "former_jpo": "jpo", "mentor_capacity": "1"}
cells = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["mentor", "mentee", "en;fr", "P-3", "2015-01-01", "Europe/Paris", ""]),
)
columns = st.sampled_from([*MENTEE, *JPOSC_EXTRAS, "aad_object_id", "x"])
# Mostly a few changes to a good row, so that both outcomes are common.
rows = st.one_of(
    st.just({}),
    st.dictionaries(columns, cells, max_size=2),
    st.dictionaries(columns, cells, max_size=20),
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=st.sampled_from([MENTEE | JPOSC_EXTRAS, MENTOR | JPOSC_EXTRAS, {}]),
    changes=rows,
    programme=st.sampled_from(list(READERS)),
)
def test_any_row_is_either_accepted_with_answers_or_rejected_with_reasons(
    base: dict[str, str], changes: dict[str, str], programme: str
) -> None:
    outcome = read(base | changes, programme)
    if isinstance(outcome, Rejected):
        assert outcome.reasons and all(reason and "\n" not in reason for reason in outcome.reasons)
        return
    assert outcome.answers and outcome.answers["role"] == outcome.role.value
    questionnaire = READERS[programme].questionnaire
    for step in questionnaire.steps_for(outcome.role):
        # What is stored reads back through the cards' validation as the same answers.
        sent = {
            qid: card_value(a) for qid, a in outcome.answers.items() if qid in step.question_ids
        }
        again = validate_step(questionnaire, outcome.role, step.id, sent, TODAY)
        assert again.ok
        assert again.answers == {q: outcome.answers[q] for q in sent}
