"""The encoding built per distinct answer gives the very matrices of the per-person reference."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teams_app.domain.matching import MatchSettings, encode
from teams_app.domain.matching.rule_arrays import language_masks
from teams_app.domain.programme import EntityExclusion, PairRules, ScoreWeights
from tests.unit import matching_encoding_reference as reference
from tests.unit.test_matching_properties import cohorts

RULES = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WEIGHTS = st.builds(
    ScoreWeights,
    goals=st.integers(0, 4),
    topics=st.integers(0, 4),
    skills=st.integers(0, 4),
    language=st.integers(0, 4),
    working_hours_overlap=st.integers(0, 4),
    job_network=st.integers(0, 4),
    activities=st.integers(0, 4),
    diversity=st.integers(0, 4),
)
PAIR_RULES = st.builds(
    PairRules,
    different_entity=st.booleans(),
    entity_exclusions=st.sampled_from(((), (EntityExclusion(("a",), ("B",)),))),
)


@RULES
@given(cohorts(), WEIGHTS, PAIR_RULES)
def test_the_encoding_equals_the_per_person_reference(cohort, weights, rules) -> None:  # type: ignore[no-untyped-def]
    mentees, mentors, excluded = cohort
    config = MatchSettings(weights=weights, rules=rules)
    enc = encode(mentees, mentors, config, excluded)
    points, features = reference.score_matrices(enc.mentees, enc.mentors, config)
    assert np.array_equal(enc.points, points)
    assert np.array_equal(enc.features, features)
    assert np.array_equal(enc.mentor_points, features.T)
    old_e, old_r = reference.language_masks(enc.mentees, enc.mentors)
    new_e, new_r = language_masks(enc.mentees, enc.mentors)
    assert np.array_equal(new_e, old_e) and np.array_equal(new_r, old_r)
    old_e, old_r = reference.unit_ids(enc.mentees, enc.mentors)
    assert np.array_equal(enc.mentee_units, old_e) and np.array_equal(enc.mentor_units, old_r)


@RULES
@given(cohorts())
def test_a_cohort_without_mentees_or_mentors_encodes_to_empty_arrays(cohort) -> None:  # type: ignore[no-untyped-def]
    mentees, mentors, _ = cohort
    for e, r in ((mentees, []), ([], mentors)):
        enc = encode(e, r, MatchSettings())
        points, features = reference.score_matrices(enc.mentees, enc.mentors, MatchSettings())
        assert enc.points.shape == points.shape and enc.features.shape == features.shape
        assert len(enc.mentee_languages) == len(e) and len(enc.mentor_languages) == len(r)
