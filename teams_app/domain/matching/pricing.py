"""Turning LP prices into the per-row thresholds and per-column offsets a pricing pass tests.

participation_first weighs a pair M + score, with M larger than any total of scores, so one
more pair always beats any gain in score. Prices then run to M and beyond, too large for
exact float32 arithmetic; writing each as a multiple of M plus a small remainder
(u = αM + β, v = γM + δ) makes the test "score + M > u + v" exact on small numbers:
α + γ = 0 always violates, α + γ = 1 violates iff score − δ > β, α + γ ≥ 2 never does.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from teams_app.domain.matching.encoding import F32, I64, Encoded
from teams_app.domain.matching.flow import Prices
from teams_app.domain.matching.passes import FAR, Pricing
from teams_app.domain.matching.settings import MatchSettings
from teams_app.domain.programme import Objective

# Remainders below this stay exact in float32 next to any score (scores < 2**20).
_EXACT = 2**23 - 2**20
_MIN_M = 2**26  # keeps α + γ = 2 clear of any score even with remainders near _EXACT


def big_m(enc: Encoded, settings: MatchSettings) -> int:
    """The bonus per pair that makes participation_first lexicographic; 0 for score_first."""
    if settings.objective is not Objective.PARTICIPATION_FIRST:
        return 0
    best = max(1, sum(settings.part_points().values()))
    most_pairs = min(len(enc.mentees), int(enc.capacity.sum()))
    # One pair more must outweigh the largest possible difference in total score.
    bound = best * max(most_pairs, 1) + 1
    return max(_MIN_M, 1 << int(bound).bit_length())


def pricing_for(prices: Prices, m: int, mentees: int, mentors: int) -> Pricing:
    """The pricing test for these prices: exact in float32 where possible, float64 otherwise."""
    u, v = prices.mentees, prices.mentors
    if m == 0 or not prices.ok:
        return _direct(prices, m, mentees, np.float32 if _small(u, v) else np.float64)
    alpha, beta = _split(u, m)
    gamma, delta = _split(v, m)
    if not _small(beta, delta):
        return _direct(prices, m, mentees, np.float64)
    group = np.where(alpha <= 1, alpha, -1).astype(np.int64)
    offsets: F32 = np.empty((2, mentors), dtype=np.float32)
    offsets[0] = np.where(gamma == 0, -FAR, np.where(gamma == 1, delta, FAR))
    offsets[1] = np.where(gamma == 0, delta, FAR)
    return Pricing(group, beta.astype(np.float32), offsets)


def _direct(prices: Prices, m: int, mentees: int, dtype: type[np.floating[Any]]) -> Pricing:
    # Violated iff score + m > u + v, i.e. score - (v - m) > u. With failed prices nothing is
    # priced (group -1): the pass then only gathers suggestions.
    group = np.zeros(mentees, np.int64) if prices.ok else np.full(mentees, -1, np.int64)
    offsets: F32 = (prices.mentors - m).astype(dtype)[None, :]
    threshold: F32 = prices.mentees.astype(dtype)
    return Pricing(group, threshold, offsets)


def _split(values: I64, m: int) -> tuple[I64, I64]:
    multiple = (values + m // 2) // m
    return multiple, values - multiple * m


def _small(a: I64, b: I64) -> bool:
    return bool(np.abs(a).max(initial=0) < _EXACT and np.abs(b).max(initial=0) < _EXACT)
