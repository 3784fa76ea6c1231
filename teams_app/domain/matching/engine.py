"""`match_cohort`: the whole cohort solved exactly, certified by pricing every pair."""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Sequence
from types import MappingProxyType

import numpy as np
from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]

from teams_app.domain.matching.encoding import I64, Encoded, encode
from teams_app.domain.matching.flow import Arcs, prices, solve
from teams_app.domain.matching.pair_rules import Bools, unmatched_reasons
from teams_app.domain.matching.passes import (
    NONE,
    Found,
    blocks,
    candidate_pass,
    exact_scores,
    first_of_each,
    spare_pass,
)
from teams_app.domain.matching.pricing import big_m, pricing_for
from teams_app.domain.matching.profile import MatchProfile
from teams_app.domain.matching.reasons import reasons
from teams_app.domain.matching.results import (
    MatchedPair,
    MatchResult,
    Suggestions,
    Unmatched,
)
from teams_app.domain.matching.scoring import Workspace, workspace_for
from teams_app.domain.matching.settings import SCALE, MatchSettings
from teams_app.domain.matching.suggesting import Options, suggestion_columns
from teams_app.domain.matching.tracking import (
    priced_above,
    rescore,
    start_tracking,
    violations,
)

Progress = Callable[[int, int], None]
# Reduced cost below which a known pair joins the next round's solve.
_REACH = SCALE // 2
_PRUNED_ROUNDS = 3
# Pairs within reach joining the next solve, per mentee: at 50,000×20,000 the mentees left
# unpaired have thousands within reach, which made the second solve 3.5M arcs (≈5 s).
_NEAR_PER_ROW = 32  # rounds after which the solve's pairs only grow


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
    # One BLAS thread: the products are many and small (a block of rows at a time), where
    # OpenBLAS's threads gain little on a quiet machine and lose 4–10× per product on a busy
    # one (threads spinning for a core). The limit is process state set and restored here,
    # not I/O; it also keeps a matching from crowding out the web server's other work.
    with _blas().limit(limits=1, user_api="blas"):
        return _match(mentees, mentors, settings, excluded_pairs, progress)


@functools.cache
def _blas() -> ThreadpoolController:
    """The process's thread pools (BLAS among them), looked up once: the look-up resolves
    the path of every loaded library (about 15 ms with ~150 loaded), which each re-solve
    after a declined request would otherwise repeat."""
    return ThreadpoolController()


def _match(
    mentees: Sequence[MatchProfile],
    mentors: Sequence[MatchProfile],
    settings: MatchSettings,
    excluded_pairs: Collection[tuple[str, str]],
    progress: Progress | None,
) -> MatchResult:
    enc = encode(mentees, mentors, settings, excluded_pairs)
    objective = settings.objective.value
    if not enc.mentees:
        return MatchResult((), (), objective=objective)
    if not enc.mentors:
        reason = "there are no mentors in this cohort"
        unmatched = tuple(Unmatched(p.key, reason) for p in enc.mentees)
        empty = MappingProxyType({p.key: () for p in enc.mentees})
        return MatchResult((), unmatched, empty, objective)
    space = workspace_for(enc, max(1, settings.block_rows), max(1, settings.threads))
    ticker = _Ticker(progress, len(list(blocks(len(enc.mentees), space.rows))))
    mentor_of, rounds, why, some_pair = _optimum(enc, space, settings, ticker)
    return _result(enc, settings, (mentor_of, some_pair), (space, ticker), rounds, why)


def _optimum(
    enc: Encoded, space: Workspace, settings: MatchSettings, ticker: _Ticker
) -> tuple[I64, int, str, Bools]:
    """The optimal assignment, the pricing rounds it took, why it is not certified, and
    which mentee rows have an allowed pair among the candidates."""
    counts = (
        settings.candidates_per_mentee,
        settings.candidates_per_mentor,
        settings.tracked_per_mentee,
    )
    found, kept, bound = candidate_pass(enc, space, counts, ticker.tick)
    m = big_m(enc, settings)
    some_pair = bound > NONE  # an allowed pair left untracked, or (below) one tracked
    some_pair[kept.rows] = True
    tracked = start_tracking(kept, bound)
    rounds = 0
    while True:
        rounds += 1
        arcs = Arcs(found.rows, found.cols, found.scores + m)
        mentor_of = solve(arcs, len(enc.mentees), enc.capacity, m)
        duals = prices(arcs, mentor_of, len(enc.mentors), len(enc.mentors) + 2)
        if not duals.ok:
            return mentor_of, rounds, duals.problem, some_pair
        u, v = duals.mentees, duals.mentors
        pricing = pricing_for(duals, m, len(enc.mentees), len(enc.mentors))
        rescore(tracked, enc, space, (pricing, u, v, m), _REACH, ticker.tick)
        # One look at the tracked pairs for both questions: those within reach include the
        # violated ones (priced below their weight).
        close = violations(tracked, u, v, m, _REACH)
        count = int((priced_above(close, u, v, m) < 0).sum())
        if not count:
            return mentor_of, rounds, "", some_pair
        if rounds >= settings.max_pricing_rounds:
            why = f"stopped after {rounds} pricing rounds with {count} pairs still priced to help"
            return mentor_of, rounds, why, some_pair
        # Next round's pairs: this round's and the tracked ones priced within reach, the rest
        # left to pricing: fewer pairs make a faster solve, those within reach fewer rounds.
        # Pairs are dropped in early rounds only, so the rounds cannot cycle.
        near = _least(close, (u, v, m), _NEAR_PER_ROW)
        carried = _within(found, mentor_of, (u, v, m)) if rounds < _PRUNED_ROUNDS else found
        found = _merged(carried, near)


def _within(found: Found, mentor_of: I64, duals: tuple[I64, I64, int]) -> Found:
    """The pairs of `found` chosen, or priced less than _REACH above their weight."""
    r, c, s = found.rows, found.cols, found.scores
    keep = (mentor_of[r] == c) | (priced_above(found, *duals) < _REACH)
    return Found(r[keep], c[keep], s[keep])


def _least(found: Found, duals: tuple[I64, I64, int], per_row: int) -> Found:
    """Each row's `per_row` pairs of `found` priced least above their weight (ties: lowest
    column); pricing brings back the others if they still matter next round."""
    r, c, s = found.rows, found.cols, found.scores
    keep = np.bincount(r)[r] <= per_row if len(r) else np.zeros(0, dtype=np.bool_)
    # Only rows with more than `per_row` pairs are ranked: at 50,000×20,000 the first round
    # finds 10M pairs within reach, most of them in rows with a few only.
    crowded = np.flatnonzero(~keep)
    if len(crowded):
        cr = r[crowded]
        priced = priced_above(Found(cr, c[crowded], s[crowded]), *duals)
        order = np.lexsort((c[crowded], priced, cr))
        ranked = cr[order]
        rank = np.arange(len(ranked)) - np.searchsorted(ranked, ranked, side="left")
        keep[crowded[order[rank < per_row]]] = True
    return Found(r[keep], c[keep], s[keep])


def _merged(found: Found, extra: Found) -> Found:
    rows = np.concatenate((found.rows, extra.rows))
    cols = np.concatenate((found.cols, extra.cols))
    scores = np.concatenate((found.scores, extra.scores))
    width = int(max(cols.max(initial=0), 0)) + 1
    first = first_of_each(rows * width + cols)
    return Found(rows[first], cols[first], scores[first])


def _result(
    enc: Encoded,
    settings: MatchSettings,
    assignment: tuple[I64, Bools],
    work: tuple[Workspace, _Ticker],
    rounds: int,
    why: str,
) -> MatchResult:
    mentor_of, some_pair = assignment
    paired = np.flatnonzero(mentor_of >= 0)
    scores = exact_scores(enc, paired, mentor_of[paired])
    load = np.bincount(mentor_of[paired], minlength=len(enc.mentors))
    places_left = enc.capacity - load > 0
    pairs = tuple(
        _pair(enc.mentees[i], enc.mentors[j], settings, s)
        for i, j, s in zip(
            paired.tolist(), mentor_of[paired].tolist(), scores.tolist(), strict=True
        )
    )
    space, ticker = work
    count = max(1, settings.suggestions)
    spare = spare_pass(enc, space, mentor_of, places_left, count, ticker.tick)
    unmatched = _unmatched(enc, settings, mentor_of, places_left, (some_pair, spare))
    own_score = np.zeros(len(mentor_of), dtype=np.int64)
    own_score[paired] = scores
    columns = suggestion_columns(enc, settings, (mentor_of, own_score), spare)
    own = dict(zip(paired.tolist(), pairs, strict=True))
    return MatchResult(
        pairs=pairs,
        unmatched=unmatched,
        suggestions=_suggested(enc, settings, columns, own),
        objective=settings.objective.value,
        certified_optimal=not why,
        total_score=round(int(scores.sum()) / SCALE, 2),
        not_certified_because=why,
        pricing_rounds=rounds,
    )


def _unmatched(
    enc: Encoded,
    settings: MatchSettings,
    mentor_of: I64,
    places_left: Bools,
    known: tuple[Bools, Found],
) -> tuple[Unmatched, ...]:
    """The unpaired mentees and why, from the rows with a known pair and the spare pass."""
    some_pair, spare = known
    some_place = np.zeros(len(enc.mentees), dtype=np.bool_)
    some_place[spare.rows] = True
    alone = np.flatnonzero(mentor_of < 0)
    why = unmatched_reasons(enc, alone, settings, places_left, (some_pair, some_place))
    return tuple(
        Unmatched(enc.mentees[i].key, reason) for i, reason in zip(alone.tolist(), why, strict=True)
    )


def _suggested(
    enc: Encoded, settings: MatchSettings, columns: list[Options], own: dict[int, MatchedPair]
) -> Suggestions:
    """Each mentee's suggestions, built when read; a paired mentee's first is their very
    pair, shared (pairs are immutable), so its reasons are also worked out once."""

    mentees, mentors = enc.mentees, enc.mentors  # not `enc`: its arrays need not live on

    def build(i: int) -> tuple[MatchedPair, ...]:
        first = own.get(i)
        made = [] if first is None else [first]
        made += [_pair(mentees[i], mentors[j], settings, s) for j, s in columns[i][len(made) :]]
        return tuple(made)

    return Suggestions([p.key for p in enc.mentees], build)


def _pair(
    mentee: MatchProfile, mentor: MatchProfile, settings: MatchSettings, score: int
) -> MatchedPair:
    explain = functools.partial(reasons, mentee, mentor, settings)
    return MatchedPair(mentee.key, mentor.key, round(score / SCALE, 2), explain=explain)
