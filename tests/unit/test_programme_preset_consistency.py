"""Values that are fine alone but contradict each other are refused in one line."""

from __future__ import annotations

from typing import Any

import pytest

from teams_app.domain.programme import PresetError, parse_programme
from tests.unit.preset_editing import delete_at, set_at, shipped_raw, source_of

TOGETHER = source_of("together")


def refusal(raw: dict[str, Any]) -> str:
    """The one-line message `raw` is refused with."""
    with pytest.raises(PresetError) as caught:
        parse_programme(raw, TOGETHER)
    message = str(caught.value)
    assert "\n" not in message
    return message


def together_with(**edits: object) -> dict[str, Any]:
    """The Together preset with `a__b=value` edits applied to key `a.b`."""
    raw = shipped_raw("together")
    for key, value in edits.items():
        set_at(raw, key.replace("__", "."), value)
    return raw


def test_a_summary_longer_than_three_sentences_is_refused() -> None:
    raw = together_with(programme__summary="One. Two. Three. Four.")
    assert "programme.summary: must be 1 to 3 sentences for the welcome card" in refusal(raw)


def test_a_summary_without_a_full_sentence_is_refused() -> None:
    raw = together_with(programme__summary="Mentoring for all")
    assert "got 'Mentoring for all'" in refusal(raw)


def test_giving_both_a_monthly_count_and_an_interval_is_refused() -> None:
    raw = together_with(sessions__every_days=14)
    assert "sessions.per_month: give exactly one of per_month" in refusal(raw)


def test_an_interval_alone_sets_the_cadence_and_the_planned_count() -> None:
    raw = delete_at(delete_at(shipped_raw("together"), "sessions.per_month"), "sessions.planned")
    set_at(raw, "sessions.every_days", 14)
    sessions = parse_programme(raw, TOGETHER).sessions
    assert sessions.cadence.interval_days() == 14
    assert sessions.planned == 8  # four months of 30 days, one session every 14 days


def test_a_phase_ending_before_it_starts_is_refused() -> None:
    raw = set_at(shipped_raw("together"), "sessions.phases[2].last_session", 1)
    assert "sessions.phases[2].last_session: must be a whole number from 2 to 8, got 1" in (
        refusal(raw)
    )


def test_phases_listed_out_of_order_are_refused() -> None:
    raw = shipped_raw("together")
    phases = raw["sessions"]["phases"]
    phases[0], phases[1] = phases[1], phases[0]
    assert "sessions.phases[2].first_session: phases must be listed in the order" in refusal(raw)


def test_a_second_final_phase_is_refused() -> None:
    raw = set_at(shipped_raw("together"), "sessions.phases[3].final", True)
    del raw["sessions"]["phases"][2]["first_session"]
    assert "sessions.phases[4].final: only one phase can be the final session" in refusal(raw)


def test_a_final_phase_with_session_numbers_is_refused() -> None:
    raw = set_at(shipped_raw("together"), "sessions.phases[4].first_session", 8)
    assert "sessions.phases[4].first_session: leave it out" in refusal(raw)


def test_a_window_naming_an_undefined_entity_group_is_refused() -> None:
    raw = set_at(shipped_raw("together"), "registration.windows[2].entity_groups", ["agencies"])
    assert (
        "registration.windows[2].entity_groups[1]: must be any of 'secretariat', "
        "'non_secretariat', got 'agencies'"
    ) in refusal(raw)


def test_two_windows_for_the_same_role_and_group_are_refused() -> None:
    raw = set_at(shipped_raw("together"), "registration.windows[3].entity_groups", ["secretariat"])
    assert (
        "registration.windows[3].entity_groups: mentees of secretariat already apply in "
        "registration.windows[2]; give each group one window per role"
    ) in refusal(raw)


def test_a_second_window_for_everyone_in_a_role_is_refused() -> None:
    raw = shipped_raw("iom")
    raw["registration"]["windows"].append(dict(raw["registration"]["windows"][0]))
    with pytest.raises(PresetError, match=r"windows\[3\]\.entity_groups: mentors of every entity"):
        parse_programme(raw, source_of("iom"))


def test_a_role_without_any_window_is_refused() -> None:
    raw = delete_at(shipped_raw("together"), "registration.windows[1]")
    assert "registration.windows: needs a [[registration.windows]] with role = 'mentor'" in (
        refusal(raw)
    )


def test_an_entity_listed_in_two_groups_is_refused() -> None:
    raw = set_at(shipped_raw("together"), "registration.entity_groups[2].entities", ["DPPA"])
    assert "registration.entity_groups[2].entities: 'DPPA' is already in group 'secretariat'" in (
        refusal(raw)
    )


def test_two_default_groups_are_refused() -> None:
    raw = set_at(shipped_raw("together"), "registration.entity_groups[1].default", True)
    assert "registration.entity_groups[2].default: only one group" in refusal(raw)


def test_an_entity_listed_twice_is_refused() -> None:
    raw = set_at(shipped_raw("together"), "registration.entity_groups[1].entities", ["DOS", "DOS"])
    assert "registration.entity_groups[1].entities[2]: 'DOS' is listed twice" in refusal(raw)


def test_a_grade_that_is_not_on_the_ladder_is_refused() -> None:
    raw = set_at(shipped_raw("together"), "eligibility.mentor_grades", ["P-4", "P-9"])
    assert "eligibility.mentor_grades[2]: must be any of 'G-1'" in refusal(raw)


def test_all_weights_at_zero_are_refused() -> None:
    raw = shipped_raw("together")
    raw["matching"]["weights"] = {key: 0 for key in raw["matching"]["weights"]}
    assert refusal(raw).endswith("matching.weights: at least one weight must be above 0")


def test_search_filters_outside_search_mode_are_refused() -> None:
    raw = set_at(shipped_raw("together"), "matching.search_filters", ["gender"])
    assert "matching.search_filters: only used when matching.mode = 'search'" in refusal(raw)


def test_an_unknown_search_filter_is_refused() -> None:
    raw = set_at(shipped_raw("jposc"), "matching.search_filters", ["star_sign"])
    with pytest.raises(PresetError, match=r"search_filters\[1\]: must be any of 'duty_station'"):
        parse_programme(raw, source_of("jposc"))


def test_administrators_are_never_alerted_before_participants_are_reminded() -> None:
    raw = set_at(shipped_raw("together"), "reminders.admin_alert_days", 7)
    assert "reminders.admin_alert_days: must be more days than mentee_nudge_days" in refusal(raw)


def test_a_value_where_a_table_belongs_is_refused() -> None:
    raw = set_at(shipped_raw("together"), "matching", "choice")
    assert refusal(raw) == f"{TOGETHER}: matching: must be a table, got 'choice'"


def test_omitted_optional_tables_take_the_documented_defaults() -> None:
    raw = delete_at(delete_at(shipped_raw("together"), "reminders"), "eligibility")
    programme = parse_programme(raw, TOGETHER)
    reminders = programme.reminders
    assert (reminders.mentee_nudge_days, reminders.mentor_ping_days) == (3, 7)
    assert (reminders.admin_alert_days, reminders.session_reminder_hours) == (14, 24)
    assert programme.eligibility.grade_ladder == ()
