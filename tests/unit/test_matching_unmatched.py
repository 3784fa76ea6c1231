"""Unpaired mentees' reasons, taken from known pairs and the spare pass, equal the full check."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teams_app.domain.matching import MatchSettings, encode, match_cohort
from teams_app.domain.matching.pair_rules import unmatched_reason
from teams_app.domain.programme import Objective
from tests.unit.test_matching_properties import cohorts

RULES = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@RULES
@given(cohorts(), st.integers(1, 3), st.integers(0, 2), st.sampled_from(list(Objective)))
def test_every_unmatched_reason_equals_the_check_of_every_mentor(
    cohort, per_mentee, spare, objective
) -> None:  # type: ignore[no-untyped-def]
    mentees, mentors, excluded = cohort
    config = MatchSettings(objective=objective, candidates_per_mentee=per_mentee, suggestions=spare)
    result = match_cohort(mentees, mentors, config, excluded_pairs=excluded)
    enc = encode(mentees, mentors, config, excluded)
    if not enc.mentors:
        return
    row = {p.key: i for i, p in enumerate(enc.mentees)}
    col = {p.key: j for j, p in enumerate(enc.mentors)}
    load = np.zeros(len(enc.mentors), dtype=np.int64)
    for pair in result.pairs:
        load[col[pair.mentor]] += 1
    places_left = enc.capacity - load > 0
    for alone in result.unmatched:
        assert alone.reason == unmatched_reason(enc, row[alone.mentee], config, places_left)


def test_a_wish_for_another_job_network_is_not_mistaken_for_an_entity_exclusion() -> None:
    """Found by Hypothesis: the wish weighs the mentee's own network negatively; it bars nothing."""
    from teams_app.domain.matching import MatchProfile

    def mentee(key: str) -> MatchProfile:
        return MatchProfile(
            key,
            key,
            0,
            frozenset({"en"}),
            job_network="x",
            job_network_wish="different",
            entity="A",
            unit="u1",
        )

    mentor = MatchProfile("r1", "r1", 9, frozenset({"en"}), job_network="x", entity="A", unit="u2")
    config = MatchSettings()
    result = match_cohort([mentee("e1"), mentee("e2")], [mentor], config)
    [alone] = result.unmatched
    assert alone.reason == "every suitable mentor's places are taken"
    enc = encode([mentee("e1"), mentee("e2")], [mentor], config, frozenset())
    row = [p.key for p in enc.mentees].index(alone.mentee)
    assert unmatched_reason(enc, row, config, np.zeros(1, dtype=np.bool_)) == alone.reason
