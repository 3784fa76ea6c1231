"""Hard rules, score parts and the wording of reasons, one at a time."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from teams_app.domain.applications import Application
from teams_app.domain.matching import (
    MatchProfile,
    MatchSettings,
    match_cohort,
    pair_problem,
    pair_scores,
    profile_from_application,
    rank_mentors,
    reasons,
    score_parts,
    settings_for,
)
from teams_app.domain.programme import EntityExclusion, PairRules, PresetError
from teams_app.presets import load_programme

SETTINGS = settings_for(load_programme("together"))


def person(key: str, years: float, **fields: object) -> MatchProfile:
    base: dict[str, object] = {"languages": frozenset({"en"}), "time_zone": "Europe/Paris"}
    base.update(fields)
    return MatchProfile(key=key, name=key, years_in_organisation=years, **base)  # type: ignore[arg-type]


MENTEE = person("e", 3, goals=frozenset({"leadership", "network"}), entity="UNDP", unit="HR")
MENTOR = person("r", 10, goals=frozenset({"leadership"}), entity="UNDP", unit="Finance")


def test_a_pair_meeting_every_rule_has_no_problem() -> None:
    assert pair_problem(MENTEE, MENTOR, SETTINGS) is None


def test_a_mentor_without_enough_extra_years_is_refused() -> None:
    junior = replace(MENTOR, years_in_organisation=4.9)
    assert pair_problem(MENTEE, junior, SETTINGS) == (
        "this mentor does not have at least 2 more years in the organisation than you"
    )


def test_a_mentor_sharing_no_language_is_refused_unless_the_rule_is_off() -> None:
    french = replace(MENTOR, languages=frozenset({"fr"}))
    assert pair_problem(MENTEE, french, SETTINGS) == "you share no language with this mentor"
    relaxed = replace(SETTINGS, rules=PairRules(shared_language=False))
    assert pair_problem(MENTEE, french, relaxed) is None


def test_a_mentor_in_the_same_unit_is_refused() -> None:
    same = replace(MENTOR, unit="hr")
    assert pair_problem(MENTEE, same, SETTINGS) == "this mentor works in your unit"


def test_entity_rules_bar_the_same_entity_and_listed_entities() -> None:
    same = replace(SETTINGS, rules=PairRules(different_entity=True))
    assert pair_problem(MENTEE, MENTOR, same) == "this mentor works in your entity"
    listed = replace(
        SETTINGS, rules=PairRules(entity_exclusions=(EntityExclusion(("undp",), ("UNDP",)),))
    )
    assert pair_problem(MENTEE, MENTOR, listed) == (
        "mentors from UNDP are not offered to mentees from UNDP"
    )
    assert pair_scores([MENTEE], [MENTOR], listed)[0, 0] < 0


def test_excluded_pairs_self_pairs_and_full_mentors_are_refused() -> None:
    assert pair_problem(MENTEE, MENTOR, SETTINGS, {("e", "r")}) is not None
    assert pair_problem(MENTEE, replace(MENTOR, key="e"), SETTINGS) == "this is you"
    assert pair_problem(MENTEE, replace(MENTOR, capacity=0), SETTINGS) is not None


def test_each_score_part_is_its_weight_times_a_share_in_zero_to_one() -> None:
    mentee = replace(
        MENTEE,
        preferred_language="en",
        job_network="legal",
        job_network_wish="same",
        topics=frozenset({"a", "b"}),
    )
    mentor = replace(MENTOR, job_network="legal", topics=frozenset({"a"}))
    parts = score_parts(mentee, mentor, SETTINGS)
    points = SETTINGS.part_points()
    assert parts["goals"] == points["goals"] // 2
    assert parts["topics"] == points["topics"] // 2
    assert parts["language"] == points["language"]
    assert parts["job_network"] == points["job_network"]
    assert parts["working_hours_overlap"] == points["working_hours_overlap"]
    assert all(0 <= parts[name] <= points[name] for name in parts)
    different = replace(mentee, job_network_wish="different")
    assert score_parts(different, mentor, SETTINGS)["job_network"] == 0


def test_working_hours_overlap_counts_shared_hours_across_time_zones() -> None:
    far = replace(MENTOR, time_zone="Asia/Tokyo")
    assert "8 h of shared working hours" in reasons(MENTEE, MENTOR, SETTINGS)
    assert not any("shared working hours" in r for r in reasons(MENTEE, far, SETTINGS))


def test_reasons_use_the_questionnaire_labels_not_ids() -> None:
    said = reasons(MENTEE, MENTOR, SETTINGS)
    assert "1 of your goals: Grow as a leader and manager" in said
    assert "you both speak English" in said


def test_diversity_counts_only_with_consent_and_never_names_the_trait() -> None:
    iom = settings_for(load_programme("iom"))
    mentee = replace(MENTEE, diversity=frozenset({"diversity_minority"}), diversity_consent=True)
    mentor = replace(MENTOR, diversity=frozenset({"diversity_minority"}), diversity_consent=True)
    assert score_parts(mentee, mentor, iom)["diversity"] > 0
    assert "shares a background you asked us to consider" in reasons(mentee, mentor, iom)
    assert score_parts(MENTEE, mentor, iom)["diversity"] == 0


def test_an_unpaired_mentee_is_told_which_rule_binds() -> None:
    french = replace(MENTOR, languages=frozenset({"fr"}))
    result = match_cohort([MENTEE], [french], SETTINGS)
    assert result.unmatched[0].reason == "no mentor shares a language with you"
    senior = replace(MENTEE, years_in_organisation=30)
    result = match_cohort([senior], [MENTOR], SETTINGS)
    assert "at least 2 more years" in result.unmatched[0].reason
    other = replace(MENTEE, key="e2")
    result = match_cohort([MENTEE, other], [MENTOR], SETTINGS)
    assert result.unmatched[0].reason == "every suitable mentor's places are taken"


def test_suggestions_start_with_the_optimal_mentor() -> None:
    second = replace(MENTOR, key="r2", goals=frozenset())
    result = match_cohort([MENTEE], [second, MENTOR], SETTINGS)
    assert [s.mentor for s in result.suggestions["e"]] == ["r", "r2"]


def test_rank_mentors_lists_eligible_mentors_best_first() -> None:
    second = replace(MENTOR, key="r2", goals=frozenset())
    barred = replace(MENTOR, key="r3", languages=frozenset({"fr"}))
    ranked = rank_mentors(MENTEE, [second, barred, MENTOR], SETTINGS)
    assert [r.mentor for r in ranked] == ["r", "r2"]
    assert ranked[0].score > ranked[1].score


def test_profile_from_application_reads_card_values_and_consent() -> None:
    programme = load_programme("iom")
    application = Application(
        1,
        "aad-1",
        "mentor",
        answers={
            "languages": "en,fr",
            "goals_supported": "leadership,network",
            "entry_date": "2016-01-15",
            "capacity": "3",
            "entity": "IOM",
        },
        confidential={"diversity_minority": "yes", "diversity_consent": "true"},
    )
    profile = profile_from_application(application, None, programme, date(2026, 1, 15))
    assert profile.languages == {"en", "fr"}
    assert profile.goals == {"leadership", "network"}
    assert profile.years_in_organisation == pytest.approx(10, abs=0.01)
    assert profile.capacity == 1  # clamped to IOM's max_mentor_capacity
    assert profile.diversity == {"diversity_minority"}
    refused = replace(application, confidential={"diversity_minority": "yes"})
    assert profile_from_application(refused, None, programme, date(2026, 1, 15)).diversity == set()


def test_preset_rules_are_parsed_with_one_line_errors() -> None:
    rules = load_programme("together").matching.rules
    assert rules.shared_language and rules.different_unit and not rules.different_entity
    from teams_app.domain.programme.reader import TableReader
    from teams_app.domain.programme.rules_parsing import PAIR_RULE_KEYS, _parse_pair_rules

    bad = TableReader({"shared_language": "yes"}, "matching.rules", "x.toml", PAIR_RULE_KEYS)
    with pytest.raises(PresetError, match=r"matching\.rules\.shared_language"):
        _parse_pair_rules(bad)
    raw = {"entity_exclusions": [{"mentee_entities": ["A"]}]}
    with pytest.raises(PresetError, match="mentor_entities"):
        _parse_pair_rules(TableReader(raw, "matching.rules", "x.toml", PAIR_RULE_KEYS))


def test_default_settings_need_no_programme() -> None:
    assert MatchSettings().label("goals", "leadership") == "leadership"
