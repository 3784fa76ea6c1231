"""The shipped presets load, and every kind of bad value is refused in one clear line."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from teams_app.domain.programme import (
    MatchingMode,
    Objective,
    PresetError,
    Role,
    parse_programme,
)
from teams_app.presets import available_programmes, load_programme
from tests.unit.preset_editing import SHIPPED, delete_at, set_at, shipped_raw, source_of

TOGETHER = source_of("together")


def refusal(raw: dict[str, Any], source: str = TOGETHER) -> str:
    """The message parse_programme refuses `raw` with; fails the test if it parses."""
    with pytest.raises(PresetError) as caught:
        parse_programme(raw, source)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{source}: ")
    return message


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_preset_loads_and_knows_its_own_file(name: str) -> None:
    programme = load_programme(name)
    assert programme.id == name
    assert programme.source == source_of(name)


def test_available_programmes_lists_the_three_shipped_presets() -> None:
    assert available_programmes() == ["iom", "jposc", "together"]


def test_together_follows_the_seeds_registration_dates_for_2026() -> None:
    together = load_programme("together")
    mentor = together.window_for(Role.MENTOR, "DPPA")
    secretariat = together.window_for(Role.MENTEE, "DPPA")
    agencies = together.window_for(Role.MENTEE, "UNICEF")
    assert mentor and (mentor.opens, mentor.closes) == (date(2026, 9, 1), date(2026, 9, 15))
    assert secretariat and secretariat.closes == date(2026, 9, 30)
    assert agencies and (agencies.opens, agencies.closes) == (date(2026, 9, 15), date(2026, 9, 22))
    assert together.duration_months == 4
    assert together.ends_on() == date(2027, 2, 15)
    assert [phase.id for phase in together.sessions.phases] == [
        "expectations",
        "action_plan",
        "meet_consistently",
        "reflect",
    ]


def test_together_mentees_choose_from_five_suggestions_and_mentors_approve() -> None:
    matching = load_programme("together").matching
    assert matching.mode is MatchingMode.CHOICE
    assert (matching.suggestions, matching.choices, matching.mentor_response_days) == (5, 3, 3)
    assert matching.seniority_gap_years == 2


def test_iom_bars_mentees_of_two_editions_invites_them_to_mentor_and_allows_both_roles() -> None:
    iom = load_programme("iom")
    assert iom.eligibility.previous_mentee_editions_barred == 2
    assert iom.eligibility.invite_barred_mentees_to_mentor
    assert iom.registration.allow_both_roles
    assert iom.matching.mode is MatchingMode.ADMIN
    assert (iom.sessions.cadence.sessions_per_month, iom.sessions.planned) == (1, 6)
    assert iom.reminders.mentor_ping_days == 7


def test_jposc_mentees_search_and_mentors_must_be_former_jpos() -> None:
    jposc = load_programme("jposc")
    assert jposc.matching.mode is MatchingMode.SEARCH
    assert jposc.matching.objective is Objective.SCORE_FIRST
    assert jposc.matching.search_filters == ("duty_station", "gender", "practice_area", "unit")
    assert jposc.eligibility.mentor_must_be_former_jpo
    assert jposc.eligibility.mentee_assignment_types == ("JPO", "SARC", "SDP")
    assert jposc.starts_on is None and jposc.ends_on() is None


def test_a_word_where_a_number_belongs_is_refused_with_the_allowed_range() -> None:
    raw = set_at(shipped_raw("iom"), "matching.seniority_gap_years", "two")
    assert refusal(raw, source_of("iom")) == (
        "programmes/iom.toml: matching.seniority_gap_years: "
        "must be a whole number from 0 to 40, got 'two'"
    )


# Each case: the edit, then the dotted key and the description of what is allowed that the
# one-line error must contain.
BAD_VALUES: list[tuple[str, str, object, str]] = [
    ("true for a number", "programme.duration_months", True, "whole number from 1 to 24, got true"),
    ("decimal for a whole", "sessions.length_minutes", 60.5, "whole number from 15 to 240"),
    ("below range", "matching.suggestions", 0, "whole number from 1 to 20, got 0"),
    ("above range", "reminders.session_reminder_hours", 500, "from 1 to 168, got 500"),
    ("unknown mode", "matching.mode", "lottery", "one of 'choice', 'admin', 'search'"),
    ("unknown objective", "matching.objective", "fairness", "'participation_first'"),
    ("negative weight", "matching.weights.goals", -1, "a number from 0 to 100, got -1"),
    ("nan weight", "matching.weights.topics", float("nan"), "a number from 0 to 100, got nan"),
    (
        "date-time for a date",
        "registration.windows[1].opens",
        datetime(2026, 9, 1, 9),
        "without a time",
    ),
    ("number for a date", "registration.windows[1].closes", 15, "a date without a time"),
    ("edition as a number", "programme.edition", 2026, 'in quotes, like "2026"'),
    ("contact not an e-mail", "programme.contact", "Together Team", "an e-mail address"),
    ("too many choices", "matching.choices", 6, "whole number from 1 to 5, got 6"),
    ("list for a text", "programme.name", ["Together"], "got a list"),
    ("text for a list", "eligibility.grade_ladder", "G-1", "a list of text"),
    ("unknown role", "registration.windows[1].role", "buddy", "one of 'mentor', 'mentee'"),
    ("bad phase id", "sessions.phases[1].id", "Phase One", "short lowercase name"),
    ("text for a flag", "registration.allow_both_roles", "yes", "true or false, got 'yes'"),
]


@pytest.mark.parametrize(
    ("key", "value", "allowed"),
    [case[1:] for case in BAD_VALUES],
    ids=[case[0] for case in BAD_VALUES],
)
def test_each_bad_value_names_the_file_the_key_and_what_is_allowed(
    key: str, value: object, allowed: str
) -> None:
    message = refusal(set_at(shipped_raw("together"), key, value))
    assert message.startswith(f"{TOGETHER}: {key}: must be ")
    assert allowed in message


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("matchng", "matchng: unknown key (did you mean 'matching'?)"),
        ("matching.seniority_gap", "matching.seniority_gap: unknown key (did you mean"),
        ("registration.windows[1].open", "registration.windows[1].open: unknown key"),
        ("matching.weights.charisma", "matching.weights.charisma: unknown key; allowed here:"),
    ],
)
def test_an_unknown_key_is_refused_as_a_probable_typo(key: str, expected: str) -> None:
    assert expected in refusal(set_at(shipped_raw("together"), key, 1))


def test_a_typo_is_reported_as_itself_rather_than_as_the_missing_key() -> None:
    raw = shipped_raw("together")
    raw["programme"]["duraton_months"] = raw["programme"].pop("duration_months")
    assert f"{TOGETHER}: programme.duraton_months: unknown key" in refusal(raw)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("programme.contact", "programme.contact: missing; must be an e-mail address"),
        ("programme", "programme.duration_months: missing; must be a whole number"),
        ("matching.mode", "matching.mode: missing; must be one of 'choice', 'admin', 'search'"),
        ("sessions.length_minutes", "sessions.length_minutes: missing; must be a whole number"),
        ("registration.windows[1].closes", "registration.windows[1].closes: missing; must be"),
    ],
)
def test_a_missing_required_key_is_named_with_what_it_should_hold(key: str, expected: str) -> None:
    assert f"{TOGETHER}: {expected}" in refusal(delete_at(shipped_raw("together"), key))


def test_a_window_closing_before_it_opens_is_refused() -> None:
    raw = set_at(shipped_raw("together"), "registration.windows[2].closes", date(2026, 9, 10))
    assert refusal(raw) == (
        f"{TOGETHER}: registration.windows[2].closes: "
        "must be on or after opens (2026-09-15), got 2026-09-10"
    )


def test_a_window_closing_after_the_mentoring_starts_is_refused() -> None:
    raw = set_at(shipped_raw("together"), "registration.windows[3].closes", date(2026, 10, 20))
    assert "registration.windows[3].closes: must be before programme.starts_on (2026-10-15)" in (
        refusal(raw)
    )
