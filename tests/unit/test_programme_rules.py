"""Helpers on a parsed programme: phases, cadence, end date, grades and weights."""

from __future__ import annotations

from datetime import date

import pytest

from teams_app.domain.programme import (
    Cadence,
    Eligibility,
    Role,
    ScoreWeights,
    Sessions,
    add_months,
)
from teams_app.presets import load_programme


@pytest.mark.parametrize(
    ("session", "phase"),
    [
        (0, "expectations"),
        (1, "expectations"),
        (2, "action_plan"),
        (3, "meet_consistently"),
        (7, "meet_consistently"),
        (8, "reflect"),
    ],
)
def test_each_together_session_falls_in_the_handbooks_phase(session: int, phase: str) -> None:
    found = load_programme("together").sessions.phase_for(session)
    assert found is not None and found.id == phase


def test_a_session_beyond_the_plan_belongs_to_no_phase() -> None:
    assert load_programme("jposc").sessions.phase_for(9) is None


def test_a_programme_without_phases_has_no_phase_for_any_session() -> None:
    assert Sessions(60, Cadence(sessions_per_month=1), planned=6).phase_for(1) is None


def test_a_monthly_cadence_means_a_session_about_every_thirty_days() -> None:
    assert Cadence(sessions_per_month=1).interval_days() == 30
    assert Cadence(sessions_per_month=2).interval_days() == 15
    assert Cadence(sessions_per_month=2).sessions_in(4) == 8
    assert Cadence(days_between_sessions=10).sessions_in(6) == 18


def test_a_month_later_is_clamped_to_the_end_of_a_shorter_month() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 10, 15), 4) == date(2027, 2, 15)
    assert add_months(date(2026, 12, 1), 12) == date(2027, 12, 1)


def test_an_empty_grade_list_lets_every_grade_apply() -> None:
    eligibility = Eligibility(grade_ladder=("P-2", "P-3", "P-4"), mentor_grades=("P-4",))
    assert eligibility.grade_allowed(Role.MENTEE, "P-2")
    assert eligibility.grade_allowed(Role.MENTOR, "P-4")
    assert not eligibility.grade_allowed(Role.MENTOR, "P-2")
    assert eligibility.grade_rank("P-3") == 1
    assert eligibility.grade_rank("G-5") is None


def test_weights_read_as_a_dict_in_a_stable_order() -> None:
    weights = load_programme("iom").matching.weights
    assert list(weights.as_dict()) == [
        "goals",
        "topics",
        "skills",
        "language",
        "working_hours_overlap",
        "job_network",
        "activities",
        "diversity",
    ]
    assert weights.total() == 12
    assert ScoreWeights().total() > 0
