"""Invariants of the matching on small random cohorts, checked against an exact reference."""

from __future__ import annotations

import copy
import random
from dataclasses import replace

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from teams_app.domain.matching import (
    MatchProfile,
    MatchSettings,
    match_cohort,
    pair_problem,
    pair_score,
    pair_scores,
)
from teams_app.domain.programme import Objective

ZONES = ("Europe/Paris", "Asia/Tokyo", "America/New_York", "Africa/Nairobi", None)
WORDS = ("a", "b", "c", "d")


@st.composite
def profiles(draw: st.DrawFn, prefix: str, count: int) -> list[MatchProfile]:
    people = []
    for i in range(count):
        subset = st.frozensets(st.sampled_from(WORDS), max_size=3)
        people.append(
            MatchProfile(
                key=f"{prefix}{i}",
                name=f"{prefix}{i}",
                years_in_organisation=draw(st.integers(0, 12)) / 2,
                languages=draw(st.frozensets(st.sampled_from(("en", "fr", "es")), max_size=2)),
                preferred_language=draw(st.sampled_from(("en", "fr", None))),
                goals=draw(subset),
                skills=draw(subset),
                topics=draw(subset),
                job_network=draw(st.sampled_from(("x", "y", None))),
                job_network_wish=draw(st.sampled_from(("same", "different", None))),
                time_zone=draw(st.sampled_from(ZONES)),
                entity=draw(st.sampled_from(("A", "B"))),
                unit=draw(st.sampled_from(("u1", "u2", None))),
                capacity=draw(st.integers(1, 3)) if prefix == "r" else 1,
            )
        )
    return people


@st.composite
def cohorts(draw: st.DrawFn) -> tuple[list[MatchProfile], list[MatchProfile], set[tuple[str, str]]]:
    mentees = draw(profiles("e", draw(st.integers(1, 9))))
    mentors = draw(profiles("r", draw(st.integers(1, 6))))
    if draw(st.booleans()):  # someone in both roles: never paired with themselves
        mentors[0] = replace(mentees[0], capacity=mentors[0].capacity)
    excluded = {(e.key, r.key) for e in mentees for r in mentors if draw(st.integers(0, 9)) == 0}
    return mentees, mentors, excluded


def reference(scores: np.ndarray, capacity: list[int], participation: bool) -> tuple[int, int]:  # type: ignore[type-arg]
    """Matched count and total score of an exact optimum: scipy on expanded mentor slots."""
    slots = scores[:, np.repeat(np.arange(len(capacity)), capacity)].astype(np.float64)
    # Participation first: each pair is worth a bonus. Score first: leaving a slot empty is
    # worth as much as a barred pair (nothing), so more pairs never beat a higher total.
    big, barred = (1e6, -1e12) if participation else (0.0, -1e-3)
    weights = np.where(slots >= 0, slots + big, barred)
    rows, cols = linear_sum_assignment(weights, maximize=True)
    chosen = weights[rows, cols] >= 0
    return int(chosen.sum()), int(slots[rows[chosen], cols[chosen]].sum())


OBJECTIVES = st.sampled_from(list(Objective))
RULES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@RULES
@given(cohorts(), OBJECTIVES, st.integers(1, 3), st.integers(1, 5))
def test_the_matching_is_feasible_optimal_and_certified(
    cohort, objective, per_mentee, block
) -> None:  # type: ignore[no-untyped-def]
    mentees, mentors, excluded = cohort
    config = MatchSettings(
        objective=objective,
        candidates_per_mentee=per_mentee,
        candidates_per_mentor=0,
        tracked_per_mentee=per_mentee,  # few tracked: pricing scores bounded rows again
        block_rows=block,  # small blocks: several in flight on the threads at once
    )
    before = copy.deepcopy((mentees, mentors, excluded))
    result = match_cohort(mentees, mentors, config, excluded_pairs=excluded)
    assert (mentees, mentors, excluded) == before  # inputs untouched
    by_key = {p.key: p for p in mentors}
    mentee_of = {p.key: p for p in mentees}
    load: dict[str, int] = {}
    for pair in result.pairs:
        load[pair.mentor] = load.get(pair.mentor, 0) + 1
        assert pair.mentee != pair.mentor
        assert (pair.mentee, pair.mentor) not in excluded
        assert pair_problem(mentee_of[pair.mentee], by_key[pair.mentor], config, excluded) is None
    assert all(load[key] <= by_key[key].capacity for key in load)
    assert len({p.mentee for p in result.pairs}) == len(result.pairs)
    scores = pair_scores(mentees, mentors, config, excluded)
    participation = objective is Objective.PARTICIPATION_FIRST
    count, total = reference(scores, [m.capacity for m in mentors], participation)
    if participation:
        assert result.matched == count
    assert abs(result.total_score * 1000 - total) <= 5  # total_score is rounded to 0.01
    assert result.certified_optimal


@RULES
@given(cohorts(), st.integers(1, 4), st.integers(1, 3))
def test_the_result_does_not_depend_on_the_number_of_threads(cohort, block, per_mentor) -> None:  # type: ignore[no-untyped-def]
    mentees, mentors, excluded = cohort
    results = [
        match_cohort(
            mentees,
            mentors,
            MatchSettings(block_rows=block, threads=threads, candidates_per_mentor=per_mentor),
            excluded_pairs=excluded,
        )
        for threads in (1, 2, 3)
    ]
    assert results[0] == results[1] == results[2]
    assert [p.score for p in results[0].pairs] == [p.score for p in results[2].pairs]


@RULES
@given(cohorts(), st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_input_order(cohort, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
    mentees, mentors, excluded = cohort
    config = MatchSettings()
    first = match_cohort(mentees, mentors, config, excluded_pairs=excluded)
    shuffled_e, shuffled_r = mentees[:], mentors[:]
    rng.shuffle(shuffled_e)
    rng.shuffle(shuffled_r)
    again = match_cohort(shuffled_e, shuffled_r, config, excluded_pairs=excluded)
    assert first == again


@RULES
@given(cohorts())
def test_no_mentor_is_first_suggestion_more_often_than_their_capacity(cohort) -> None:  # type: ignore[no-untyped-def]
    mentees, mentors, excluded = cohort
    result = match_cohort(mentees, mentors, MatchSettings(), excluded_pairs=excluded)
    firsts: dict[str, int] = {}
    for options in result.suggestions.values():
        if options:
            firsts[options[0].mentor] = firsts.get(options[0].mentor, 0) + 1
    capacity = {m.key: m.capacity for m in mentors}
    assert all(count <= capacity[key] for key, count in firsts.items())
    for pair in result.pairs:
        assert result.suggestions[pair.mentee][0].mentor == pair.mentor


@RULES
@given(cohorts())
def test_vectorised_scores_equal_the_scalar_reference(cohort) -> None:  # type: ignore[no-untyped-def]
    mentees, mentors, _ = cohort
    config = MatchSettings()
    scores = pair_scores(mentees, mentors, config)
    for i, mentee in enumerate(mentees):
        for j, mentor in enumerate(mentors):
            allowed = pair_problem(mentee, mentor, config) is None
            assert (scores[i, j] >= 0) == allowed
            if allowed:
                assert scores[i, j] == pair_score(mentee, mentor, config)
