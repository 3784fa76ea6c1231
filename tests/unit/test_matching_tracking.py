"""The engine's incremental pricing never misses a pair that violates the prices.

Pricing rounds score only the rows whose bound no longer holds; this checks, against every pair
scored in full, that a pair left out of the tracked set always satisfies its row's bound, so a
round that finds no tracked violation has none at all.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teams_app.domain.matching import Encoded, MatchProfile, MatchSettings, encode
from teams_app.domain.matching.flow import Prices
from teams_app.domain.matching.passes import NONE, candidate_pass
from teams_app.domain.matching.pricing import big_m, pricing_for
from teams_app.domain.matching.scoring import Workspace, block_scores, workspace_for
from teams_app.domain.matching.tracking import Tracked, rescore, start_tracking, violations
from tests.unit.test_matching_properties import cohorts, profiles

RULES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _all_scores(enc) -> np.ndarray:  # type: ignore[no-untyped-def,type-arg]
    scores = block_scores(enc, 0, len(enc.mentees), workspace_for(enc, len(enc.mentees)))
    return np.where(scores >= 0, np.rint(scores), NONE).astype(np.int64)


@RULES
@given(
    cohorts(),
    st.integers(0, 1),
    st.integers(1, 3),
    st.lists(st.integers(0, 2**31), min_size=1, max_size=8),
)
def test_untracked_pairs_keep_their_bound_and_no_violation_is_missed(  # type: ignore[no-untyped-def]
    cohort, keep, track, seeds
) -> None:
    mentees, mentors, excluded = cohort
    config = MatchSettings(candidates_per_mentee=1, candidates_per_mentor=keep)
    enc = encode(mentees, mentors, config, excluded)
    space = workspace_for(enc, 2)  # small blocks: rescoring spans several
    _, kept, bound = candidate_pass(enc, space, (1, keep, track), lambda: None)
    m = big_m(enc, config)
    tracked = start_tracking(kept, bound)
    every = _all_scores(enc)
    untracked = np.ones(every.shape, dtype=np.bool_)
    untracked[kept.rows, kept.cols] = False
    allowed = every > NONE // 2
    # The bound holds for every pair the candidate pass did not keep, and it is NONE only
    # where the row has no other allowed pair.
    assert (~allowed | ~untracked | (every <= bound[:, None])).all()
    assert ((bound > NONE) == (allowed & untracked).any(axis=1)).all()
    assert (every[kept.rows, kept.cols] == kept.scores).all()
    top = int(every.max(initial=0))
    previous = None
    for seed in seeds:
        rng = np.random.default_rng(seed)
        # Prices near the interesting range: mentors around M, reduced costs around zero.
        u = rng.integers(0, top + 2, len(enc.mentees)).astype(np.int64)
        v = m + rng.integers(-top - 1, top + 2, len(enc.mentors)).astype(np.int64)
        if seed % 2 and previous is not None:
            # Prices nudged from the last round's: rows whose last look still holds are
            # skipped, and the skip must never hide a violation.
            u = np.maximum(previous[0] + rng.integers(-400, 400, len(u)), 0)
            v = previous[1] + rng.integers(-400, 400, len(v))
        v = np.maximum(v, 0)
        previous = (u, v)
        pricing = pricing_for(Prices(u, v, True), m, len(enc.mentees), len(enc.mentors))
        rescore(tracked, enc, space, (pricing, u, v, m), 500, lambda: None)
        violated = allowed & (every + m > u[:, None] + v[None, :])
        caught = np.zeros(every.shape, dtype=np.bool_)
        found = violations(tracked, u, v, m, 0)
        caught[found.rows, found.cols] = True
        # Every violating pair is tracked after the round, with its exact score.
        assert (caught == violated).all()
        assert (every[found.rows, found.cols] == found.scores).all()


def _check_round(tracked, enc, space, every, prices) -> None:  # type: ignore[no-untyped-def]
    u, v, m = prices
    pricing = pricing_for(Prices(u, v, True), m, len(enc.mentees), len(enc.mentors))
    rescore(tracked, enc, space, (pricing, u, v, m), 500, lambda: None)
    violated = (every > NONE // 2) & (every + m > u[:, None] + v[None, :])
    caught = np.zeros(every.shape, dtype=np.bool_)
    found = violations(tracked, u, v, m, 0)
    caught[found.rows, found.cols] = True
    assert (caught == violated).all()
    # What a skipped row relies on: in its last look, every pair not tracked was priced at
    # least `reach` above its weight.
    known = np.zeros(every.shape, dtype=np.bool_)
    for pairs in (tracked.first, tracked.added):
        known[pairs.rows, pairs.cols] = True
    for i in np.flatnonzero(tracked.look >= 0).tolist():
        then = tracked.looks[int(tracked.look[i])]
        cols = then.order[: tracked.width[i]]
        open_ = (every[i, cols] > NONE // 2) & ~known[i, cols]
        reduced = tracked.price[i] + then.v[cols] - every[i, cols] - m
        assert (reduced[open_] >= 500).all()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles("e", 24), profiles("r", 20), st.integers(0, 2**31), st.integers(100, 900))
def test_rows_skipped_while_prices_barely_move_hide_no_violation(  # type: ignore[no-untyped-def]
    mentees, mentors, seed, step
) -> None:
    config = MatchSettings()
    enc = encode(mentees, mentors, config)
    space = workspace_for(enc, 4)
    _, kept, bound = candidate_pass(enc, space, (1, 0, 2), lambda: None)
    m = big_m(enc, config)
    tracked = start_tracking(kept, bound)
    every = _all_scores(enc)
    top = int(every.max(initial=0))
    rng = np.random.default_rng(seed)
    v = m + rng.integers(0, top + 2, len(enc.mentors)).astype(np.int64)
    # Tight prices: each row's best pair priced just above its weight, so small moves make
    # and unmake violations among pairs that are not tracked.
    best = np.where(every > NONE // 2, every + m - v[None, :], 0).max(axis=1, initial=0)
    u = np.maximum(best + rng.integers(0, step, len(best)), 0)
    for _ in range(5):  # each round nudges the last one's prices a little
        _check_round(tracked, enc, space, every, (u, v, m))
        u = np.maximum(u + rng.integers(-step, step + 1, len(u)), 0)
        v = np.maximum(v + rng.integers(-step, step + 1, len(v)), 0)


@dataclass(frozen=True)
class _Edge:
    """One mentee and three mentors whose scores spread far apart, after the candidate pass
    tracked only the best pair: every other pair of the row is bounded by the middle score."""

    enc: Encoded
    space: Workspace
    tracked: Tracked
    every: np.ndarray  # type: ignore[type-arg]
    m: int
    middle: int
    low: int


def _edge() -> _Edge:
    goals = frozenset({"a", "b", "c"})
    mentee = MatchProfile("e0", "e0", 0, frozenset({"en"}), goals=goals, skills=goals)
    mentors = [
        MatchProfile(f"r{k}", f"r{k}", 10, frozenset({"en"}), goals=covers, skills=covers)
        for k, covers in enumerate((goals, frozenset({"a"}), frozenset()))
    ]
    config = MatchSettings()
    enc = encode([mentee], mentors, config)
    space = workspace_for(enc, 4)
    _, kept, bound = candidate_pass(enc, space, (1, 0, 1), lambda: None)
    every = _all_scores(enc)[0]
    high, middle, low = (int(j) for j in np.argsort(-every))
    assert kept.cols.tolist() == [high] and bound[0] == every[middle]
    assert every[middle] - every[low] > 501, "the cohort no longer spreads the scores enough"
    tracked = start_tracking(kept, bound)
    return _Edge(enc, space, tracked, every, big_m(enc, config), middle, low)


def _round(edge: _Edge, u: np.ndarray, v: np.ndarray, reach: int) -> list[int]:  # type: ignore[type-arg]
    """A pricing round at (u, v): the mentor columns of the pairs found violated."""
    pricing = pricing_for(Prices(u, v, True), edge.m, 1, len(v))
    rescore(edge.tracked, edge.enc, edge.space, (pricing, u, v, edge.m), reach, lambda: None)
    return violations(edge.tracked, u, v, edge.m, 0).cols.tolist()  # type: ignore[no-any-return]


def test_a_row_whose_price_fell_by_more_than_the_reach_is_scored_again() -> None:
    """The exact edge of the skip rule: a pair left out at a look priced exactly `reach` above
    its weight violates once the mentee's price falls by reach + 1, so that row must be
    scored again although no mentor's price moved."""
    edge = _edge()
    every, m, low = edge.every, edge.m, edge.low
    reach, then = 500, 2_000
    v = np.full(3, 10 * m, dtype=np.int64)
    v[low] = reach + every[low] + m - then  # the low pair priced exactly `reach` above
    for u in (then, then - reach, then - reach - 1):
        violated = u + v[low] - every[low] - m < 0
        assert (low in _round(edge, np.array([u], dtype=np.int64), v, reach)) == violated, u
    assert violated  # the last round made the pair violate, and it was caught


def test_a_row_is_scored_again_once_a_mentor_outside_its_last_look_gets_cheap_enough() -> None:
    """The other edge of the skip rule: a mentor left out of a row's look (priced at or above
    what the row's bound could reach) whose price falls one below it may now violate, so the
    row is scored again although the mentee's price did not move."""
    edge = _edge()
    every, m, middle, low = edge.every, edge.m, edge.middle, edge.low
    reach, u = 500, np.array([2_000], dtype=np.int64)
    need = int(every[middle]) + m - int(u[0])  # a mentor priced below this may violate
    v = np.full(3, 10 * m, dtype=np.int64)
    v[low] = reach + every[low] + m - int(u[0])  # looked at, clear by exactly `reach`
    for price in (need, need, need - 1):
        v[middle] = price
        assert (middle in _round(edge, u, v, reach)) == (price < need), price
    assert middle in edge.tracked.added.cols.tolist()
