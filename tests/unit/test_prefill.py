from datetime import date

from teams_app.domain.people import Person
from teams_app.domain.prefill import hr_answer
from teams_app.domain.questionnaire import questionnaire_for
from teams_app.presets import load_programme

PERSON = Person(
    aad_object_id="a1",
    email="a@example.org",
    name="A",
    grade="P2",
    entry_date=date(2022, 3, 1),
    duty_station="Dakar",
    time_zone="Africa/Dakar",
    entity="OCHA",
)


def test_hr_values_become_card_values_of_the_matching_questions() -> None:
    questionnaire = questionnaire_for(load_programme("together"))
    grade = questionnaire.question("grade")
    assert hr_answer(grade, PERSON) in grade.choice_ids()
    assert hr_answer(questionnaire.question("entry_date"), PERSON) == "2022-03-01"
    assert hr_answer(questionnaire.question("time_zone"), PERSON) == "Africa/Dakar"
    assert hr_answer(questionnaire.question("duty_station"), PERSON) == "Dakar"


def test_unknown_person_or_unusable_hr_value_prefills_nothing() -> None:
    questionnaire = questionnaire_for(load_programme("together"))
    assert hr_answer(questionnaire.question("grade"), None) is None
    odd = Person(aad_object_id="a2", email="b@example.org", name="B", grade="Z-9")
    assert hr_answer(questionnaire.question("grade"), odd) is None
    assert hr_answer(questionnaire.question("languages"), PERSON) is None
