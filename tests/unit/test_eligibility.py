"""Eligibility rules on their edge days, each refusal saying what the person can do instead."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from teams_app.domain.eligibility import (
    ApplicationFacts,
    Refusal,
    anniversary,
    check_application,
    former_jpo,
    grade_allowed,
    long_date,
    mentee_assignment,
    mentor_seniority,
    one_application_per_role,
    recent_mentee,
    registration_window,
)
from teams_app.domain.programme import Programme, Role
from teams_app.presets import load_programme

IOM, JPOSC, TOGETHER = (load_programme(name) for name in ("iom", "jposc", "together"))
MENTOR, MENTEE = Role.MENTOR, Role.MENTEE
NO_FACTS = ApplicationFacts()
A_DAY = date(2026, 9, 10)


def with_eligibility(programme: Programme, **changes: Any) -> Programme:
    """`programme` with some eligibility rules changed."""
    return replace(programme, eligibility=replace(programme.eligibility, **changes))


@pytest.mark.parametrize(
    ("day", "rule"),
    [
        (date(2026, 8, 31), "registration_not_open_yet"),
        (date(2026, 9, 1), None),
        (date(2026, 9, 15), None),
        (date(2026, 9, 16), "registration_closed"),
    ],
)
def test_together_mentors_register_from_1_to_15_september_inclusive(
    day: date, rule: str | None
) -> None:
    refusal = registration_window(TOGETHER, MENTOR, ApplicationFacts(entity="DPPA"), day)
    assert (refusal.rule if refusal else None) == rule


def test_before_the_window_the_refusal_gives_the_opening_day() -> None:
    refusal = registration_window(TOGETHER, MENTEE, ApplicationFacts(entity="UNICEF"), A_DAY)
    assert refusal is not None
    assert "Registration for mentees opens on 15 September 2026." in refusal.message


def test_after_the_window_the_refusal_names_who_will_announce_the_next_edition() -> None:
    refusal = registration_window(
        TOGETHER, MENTEE, ApplicationFacts(entity="UNICEF"), date(2026, 9, 23)
    )
    assert refusal is not None and refusal.rule == "registration_closed"
    assert refusal.message == (
        "Registration for mentees closed on 22 September 2026; the next edition's dates will "
        "be announced by the Together Team (mentoring@un.org)."
    )


@pytest.mark.parametrize(
    ("entity", "day", "open_"),
    [
        ("DPPA", date(2026, 9, 30), True),
        ("DPPA", date(2026, 10, 1), False),
        ("UNICEF", date(2026, 9, 22), True),
        ("UNICEF", date(2026, 9, 23), False),
        (None, date(2026, 9, 22), True),
    ],
)
def test_secretariat_mentees_have_until_30_september_and_others_until_the_22nd(
    entity: str | None, day: date, open_: bool
) -> None:
    refusal = registration_window(TOGETHER, MENTEE, ApplicationFacts(entity=entity), day)
    assert (refusal is None) == open_


def test_an_entity_no_group_admits_is_told_whom_to_write_to() -> None:
    groups = tuple(replace(group, default=False) for group in TOGETHER.registration.entity_groups)
    closed_shop = replace(
        TOGETHER, registration=replace(TOGETHER.registration, entity_groups=groups)
    )
    refusal = registration_window(closed_shop, MENTEE, ApplicationFacts(entity="WHO"), A_DAY)
    assert refusal is not None and refusal.rule == "registration_not_offered"
    assert "takes no mentees from WHO" in refusal.message and "mentoring@un.org" in refusal.message


@pytest.mark.parametrize(
    ("editions", "barred"),
    [(("2025",), True), (("2024",), True), (("2023",), False), ((), False), (("2026",), False)],
)
def test_iom_mentees_of_the_previous_two_editions_cannot_apply_as_mentees(
    editions: tuple[str, ...], barred: bool
) -> None:
    facts = ApplicationFacts(previous_mentee_editions=editions)
    assert (recent_mentee(IOM, MENTEE, facts, A_DAY) is not None) == barred


def test_a_barred_iom_mentee_is_invited_to_apply_as_a_mentor() -> None:
    facts = ApplicationFacts(previous_mentee_editions=("2023", "2025"))
    refusal = recent_mentee(IOM, MENTEE, facts, A_DAY)
    assert refusal is not None and refusal.suggested_role is Role.MENTOR
    assert refusal.message.startswith("You were a mentee in one of the last two editions")
    assert "apply as a mentor instead" in refusal.message
    assert recent_mentee(IOM, MENTOR, facts, A_DAY) is None


def test_without_the_invitation_a_barred_mentee_is_told_to_wait_for_a_later_edition() -> None:
    strict = with_eligibility(
        IOM, invite_barred_mentees_to_mentor=False, previous_mentee_editions_barred=1
    )
    refusal = recent_mentee(
        strict, MENTEE, ApplicationFacts(previous_mentee_editions=("2025",)), A_DAY
    )
    assert refusal is not None and refusal.suggested_role is None
    assert refusal.message.startswith("You were a mentee in the previous edition")
    assert "later edition" in refusal.message


def test_a_programme_that_bars_no_one_ignores_past_editions() -> None:
    facts = ApplicationFacts(previous_mentee_editions=("2025",))
    assert recent_mentee(TOGETHER, MENTEE, facts, A_DAY) is None


def test_iom_allows_one_person_to_apply_in_both_roles_separately() -> None:
    facts = ApplicationFacts(existing_roles=frozenset({MENTOR}))
    assert one_application_per_role(IOM, MENTEE, facts, A_DAY) is None


def test_together_takes_each_person_in_one_role_and_says_how_to_switch() -> None:
    facts = ApplicationFacts(existing_roles=frozenset({MENTOR}))
    refusal = one_application_per_role(TOGETHER, MENTEE, facts, A_DAY)
    assert refusal is not None and refusal.rule == "one_role_only"
    assert "withdraw that application" in refusal.message and "my registration" in refusal.message


@pytest.mark.parametrize("programme", [IOM, TOGETHER], ids=["iom", "together"])
def test_nobody_applies_twice_in_the_same_role(programme: Programme) -> None:
    facts = ApplicationFacts(existing_roles=frozenset({MENTEE}))
    refusal = one_application_per_role(programme, MENTEE, facts, A_DAY)
    assert refusal is not None and refusal.rule == "already_applied"


@pytest.mark.parametrize(
    ("today", "eligible"),
    [(date(2026, 1, 9), False), (date(2026, 1, 10), True), (date(2031, 1, 1), True)],
)
def test_iom_mentors_need_five_whole_years_from_their_entry_date(
    today: date, eligible: bool
) -> None:
    facts = ApplicationFacts(entry_date=date(2021, 1, 10))
    assert (mentor_seniority(IOM, MENTOR, facts, today) is None) == eligible


def test_a_too_junior_mentor_learns_the_day_they_qualify_and_may_apply_as_a_mentee() -> None:
    facts = ApplicationFacts(entry_date=date(2021, 1, 10))
    refusal = mentor_seniority(IOM, MENTOR, facts, date(2025, 12, 5))
    assert refusal is not None and refusal.suggested_role is Role.MENTEE
    assert "at least 5 years" in refusal.message and "on 10 January 2026" in refusal.message


def test_a_leap_day_entry_completes_its_years_on_1_march() -> None:
    facts = ApplicationFacts(entry_date=date(2024, 2, 29))
    assert mentor_seniority(TOGETHER, MENTOR, facts, date(2026, 2, 28)) is not None
    assert mentor_seniority(TOGETHER, MENTOR, facts, date(2026, 3, 1)) is None
    assert anniversary(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_seniority_is_not_asked_of_mentees_nor_judged_without_an_entry_date() -> None:
    junior = ApplicationFacts(entry_date=A_DAY)
    assert mentor_seniority(IOM, MENTEE, junior, A_DAY) is None
    assert mentor_seniority(IOM, MENTOR, NO_FACTS, A_DAY) is None


def test_jposc_does_not_point_a_junior_staff_member_to_the_jpo_only_mentee_role() -> None:
    refusal = mentor_seniority(JPOSC, MENTOR, ApplicationFacts(entry_date=A_DAY), A_DAY)
    assert refusal is not None and refusal.suggested_role is None
    assert "as a mentee" not in refusal.message


@pytest.mark.parametrize(("was_jpo", "refused"), [(False, True), (True, False), (None, False)])
def test_jposc_mentors_must_be_former_jpos_or_sarcs(was_jpo: bool | None, refused: bool) -> None:
    refusal = former_jpo(JPOSC, MENTOR, ApplicationFacts(former_jpo=was_jpo), A_DAY)
    assert (refusal is not None) == refused
    if refusal:
        assert (
            refusal.rule == "former_jpo_required" and "jposc.mentoring@undp.org" in refusal.message
        )


def test_the_former_jpo_rule_applies_only_to_jposc_mentors() -> None:
    facts = ApplicationFacts(former_jpo=False)
    assert former_jpo(JPOSC, MENTEE, facts, A_DAY) is None
    assert former_jpo(TOGETHER, MENTOR, facts, A_DAY) is None


SENIOR_MENTORS = with_eligibility(TOGETHER, mentor_grades=("P-4", "P-5", "D-1"))


@pytest.mark.parametrize(
    ("grade", "allowed"), [("P-3", False), ("P-4", True), ("D-1", True), (None, True)]
)
def test_a_preset_can_limit_the_grades_of_a_role(grade: str | None, allowed: bool) -> None:
    refusal = grade_allowed(SENIOR_MENTORS, MENTOR, ApplicationFacts(grade=grade), A_DAY)
    assert (refusal is None) == allowed


def test_a_grade_refusal_lists_the_grades_allowed_and_whom_to_ask() -> None:
    refusal = grade_allowed(SENIOR_MENTORS, MENTOR, ApplicationFacts(grade="G-6"), A_DAY)
    assert refusal is not None and refusal.rule == "grade_not_eligible"
    assert "at grades P-4, P-5 or D-1" in refusal.message and "mentoring@un.org" in refusal.message
    assert grade_allowed(SENIOR_MENTORS, MENTEE, ApplicationFacts(grade="G-6"), A_DAY) is None


@pytest.mark.parametrize(
    ("assignment", "refused"), [("SARC", False), ("Consultant", True), (None, False)]
)
def test_jposc_mentees_hold_a_jpo_sarc_or_sdp_assignment(
    assignment: str | None, refused: bool
) -> None:
    refusal = mentee_assignment(JPOSC, MENTEE, ApplicationFacts(assignment_type=assignment), A_DAY)
    assert (refusal is not None) == refused
    assert (
        mentee_assignment(TOGETHER, MENTEE, ApplicationFacts(assignment_type="Consultant"), A_DAY)
        is None
    )


def test_check_application_lists_every_refusal_window_first() -> None:
    facts = ApplicationFacts(
        entity="DPPA", entry_date=date(2026, 1, 5), existing_roles=frozenset({MENTEE})
    )
    refusals = check_application(TOGETHER, MENTOR, facts, date(2026, 9, 16))
    assert [refusal.rule for refusal in refusals] == [
        "registration_closed",
        "one_role_only",
        "mentor_seniority",
    ]


def test_an_eligible_applicant_has_no_refusals() -> None:
    mentor = ApplicationFacts(
        entity="UNDP", entry_date=date(2015, 3, 1), former_jpo=True, grade="P-4"
    )
    assert check_application(JPOSC, MENTOR, mentor, A_DAY) == []
    mentee = ApplicationFacts(entity="DPPA", previous_mentee_editions=("2025",), grade="G-5")
    assert check_application(TOGETHER, MENTEE, mentee, date(2026, 9, 30)) == []


@pytest.mark.parametrize("programme", [IOM, JPOSC, TOGETHER], ids=["iom", "jposc", "together"])
@pytest.mark.parametrize("role", list(Role))
def test_every_refusal_is_one_line_that_says_what_to_do(programme: Programme, role: Role) -> None:
    facts = ApplicationFacts(
        entity="DPPA",
        entry_date=date(2026, 1, 1),
        previous_mentee_editions=(str(int(programme.edition) - 1),),
        former_jpo=False,
        existing_roles=frozenset({Role.MENTOR if role is Role.MENTEE else Role.MENTEE}),
        assignment_type="Consultant",
    )
    refusals: list[Refusal] = check_application(programme, role, facts, date(2027, 6, 1))
    assert refusals
    for refusal in refusals:
        assert "\n" not in refusal.message and refusal.message.endswith(".")
        assert any(
            hint in refusal.message
            for hint in ("type", "Type", "apply", "Write", "write", "announced")
        )


def test_dates_are_written_the_way_people_read_them() -> None:
    assert long_date(date(2026, 9, 15)) == "15 September 2026"
