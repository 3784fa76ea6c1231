"""`match_cohort`: the whole cohort solved exactly, certified by pricing every pair."""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Sequence
from types import MappingProxyType

import numpy as np

from teams_app.domain.matching.encoding import I64, Encoded, encode
from teams_app.domain.matching.flow import Arcs, prices, solve
from teams_app.domain.matching.pair_rules import unmatched_reason
from teams_app.domain.matching.passes import (
    Found,
    blocks,
    candidate_pass,
    exact_scores,
    spare_pass,
)
from teams_app.domain.matching.pricing import big_m, pricing_for
from teams_app.domain.matching.profile import MatchProfile
from teams_app.domain.matching.reasons import reasons
from teams_app.domain.matching.results import MatchedPair, MatchResult, Unmatched
from teams_app.domain.matching.scoring import Workspace, workspace_for
from teams_app.domain.matching.settings import SCALE, MatchSettings
from teams_app.domain.matching.suggesting import suggestion_columns
from teams_app.domain.matching.tracking import (
    rescore,
    rows_to_rescore,
    start_tracking,
    violations,
)

Progress = Callable[[int, int], None]
# Reduced cost (score units) below which a rescored row keeps a pair tracked.
_SLACK = 2 * SCALE
# Reduced cost below which a known pair joins the next round's solve.
_REACH = SCALE // 2


class _Ticker:
    """Counts blocks done for the progress callback; the total grows when rows are rescored."""

    def __init__(self, progress: Progress | None, per_pass: int) -> None:
        self.progress, self.per_pass = progress, per_pass
        self.done, self.total = 0, 2 * per_pass

    def tick(self) -> None:
        self.done += 1
        self.total = max(self.total, self.done)
        if self.progress:
            self.progress(self.done, self.total)


def match_cohort(
    mentees: Sequence[MatchProfile],
    mentors: Sequence[MatchProfile],
    settings: MatchSettings,
    *,
    excluded_pairs: Collection[tuple[str, str]] = (),
    progress: Progress | None = None,
) -> MatchResult:
    """The best assignment of mentees to mentors under the preset's rules and objective.

    Deterministic and independent of input order; raises ValueError only for a key listed
    twice on one side. Inputs are only read.
    """
    enc = encode(mentees, mentors, settings, excluded_pairs)
    objective = settings.objective.value
    if not enc.mentees:
        return MatchResult((), (), objective=objective)
    if not enc.mentors:
        reason = "there are no mentors in this cohort"
        unmatched = tuple(Unmatched(p.key, reason) for p in enc.mentees)
        empty = MappingProxyType({p.key: () for p in enc.mentees})
        return MatchResult((), unmatched, empty, objective)
    space = workspace_for(enc, max(1, settings.block_rows))
    ticker = _Ticker(progress, len(list(blocks(len(enc.mentees), space.rows))))
    mentor_of, rounds, why = _optimum(enc, space, settings, ticker)
    return _result(enc, settings, mentor_of, (space, ticker), rounds, why)


def _optimum(
    enc: Encoded, space: Workspace, settings: MatchSettings, ticker: _Ticker
) -> tuple[I64, int, str]:
    """The optimal assignment, the pricing rounds it took, and why it is not certified."""
    per_mentee = settings.candidates_per_mentee
    found, bound = candidate_pass(
        enc, space, per_mentee, settings.candidates_per_mentor, ticker.tick
    )
    m = big_m(enc, settings)
    tracked = start_tracking(found, bound, m, len(enc.mentors))
    keep = (max(1, per_mentee), _SLACK)
    rounds = 0
    while True:
        rounds += 1
        arcs = Arcs(found.rows, found.cols, found.scores + m)
        mentor_of = solve(arcs, len(enc.mentees), enc.capacity)
        duals = prices(arcs, mentor_of, len(enc.mentors), len(enc.mentors) + 2)
        if not duals.ok:
            return mentor_of, rounds, duals.problem
        u, v = duals.mentees, duals.mentors
        pricing = pricing_for(duals, m, len(enc.mentees), len(enc.mentors))
        dirty = rows_to_rescore(tracked, u, v)
        rescore(tracked, enc, space, dirty, (pricing, u, v), keep, ticker.tick)
        count = len(violations(tracked, u, v, m, 0).rows)
        if not count:
            return mentor_of, rounds, ""
        if rounds >= settings.max_pricing_rounds:
            why = f"stopped after {rounds} pricing rounds with {count} pairs still priced to help"
            return mentor_of, rounds, why
        # Next round's pairs: this round's and the tracked ones priced within reach, the rest
        # left to pricing: fewer pairs make a faster solve, those within reach fewer rounds.
        near = violations(tracked, u, v, m, _REACH)
        found = _merged(_within(found, mentor_of, (u, v, m)), near)


def _within(found: Found, mentor_of: I64, duals: tuple[I64, I64, int]) -> Found:
    """The pairs of `found` chosen, or priced less than _REACH above their weight."""
    u, v, m = duals
    r, c, s = found.rows, found.cols, found.scores
    keep = (mentor_of[r] == c) | (u[r] + v[c] - s - m < _REACH)
    return Found(r[keep], c[keep], s[keep])


def _merged(found: Found, extra: Found) -> Found:
    rows = np.concatenate((found.rows, extra.rows))
    cols = np.concatenate((found.cols, extra.cols))
    scores = np.concatenate((found.scores, extra.scores))
    width = int(max(cols.max(initial=0), 0)) + 1
    _, first = np.unique(rows * width + cols, return_index=True)
    return Found(rows[first], cols[first], scores[first])


def _result(
    enc: Encoded,
    settings: MatchSettings,
    mentor_of: I64,
    work: tuple[Workspace, _Ticker],
    rounds: int,
    why: str,
) -> MatchResult:
    paired = np.flatnonzero(mentor_of >= 0)
    scores = exact_scores(enc, paired, mentor_of[paired])
    load = np.bincount(mentor_of[paired], minlength=len(enc.mentors))
    places_left = enc.capacity - load > 0
    pairs = tuple(
        _pair(enc, settings, int(i), int(mentor_of[i]), int(s))
        for i, s in zip(paired.tolist(), scores.tolist(), strict=True)
    )
    unmatched = tuple(
        Unmatched(enc.mentees[i].key, unmatched_reason(enc, i, settings, places_left))
        for i in np.flatnonzero(mentor_of < 0).tolist()
    )
    space, ticker = work
    count = max(1, settings.suggestions)
    spare = spare_pass(enc, space, mentor_of, places_left, count, ticker.tick)
    columns = suggestion_columns(enc, settings, mentor_of, spare)
    suggestions = MappingProxyType(
        {
            enc.mentees[i].key: tuple(_pair(enc, settings, i, j, s) for j, s in options)
            for i, options in enumerate(columns)
        }
    )
    return MatchResult(
        pairs=pairs,
        unmatched=unmatched,
        suggestions=suggestions,
        objective=settings.objective.value,
        certified_optimal=not why,
        total_score=round(int(scores.sum()) / SCALE, 2),
        not_certified_because=why,
        pricing_rounds=rounds,
    )


def _pair(enc: Encoded, settings: MatchSettings, row: int, col: int, score: int) -> MatchedPair:
    mentee, mentor = enc.mentees[row], enc.mentors[col]
    explain = functools.partial(reasons, mentee, mentor, settings)
    return MatchedPair(mentee.key, mentor.key, round(score / SCALE, 2), explain=explain)
