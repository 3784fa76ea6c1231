"""Scores of blocks of pairs, vectorised: negative means the pair breaks a hard rule."""

from __future__ import annotations

import queue
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager

import numpy as np
from numpy.typing import NDArray

from teams_app.domain.matching.encoding import F32, I64, Encoded, encode
from teams_app.domain.matching.profile import MatchProfile
from teams_app.domain.matching.settings import MatchSettings

INFEASIBLE = -1  # what `pair_scores` reports for a pair that breaks a hard rule
_NEG = np.float32(-np.inf)


Bools = NDArray[np.bool_]
Rows = slice | I64  # mentee rows: a contiguous range, or sorted row numbers


class Workspace:
    """Buffers reused from block to block, so a pass over the cohort allocates once: one set
    per thread scoring blocks at the same time (`threads`)."""

    def __init__(self, rows: int, mentors: int, threads: int = 1) -> None:
        self.rows, self.threads = rows, max(1, threads)
        self._free: queue.SimpleQueue[tuple[Bools, Bools]] = queue.SimpleQueue()
        for _ in range(self.threads):
            flags = np.empty((rows, mentors), dtype=np.bool_)
            self._free.put((flags, np.empty_like(flags)))

    @contextmanager
    def buffers(self) -> Iterator[tuple[Bools, Bools]]:
        """A set of buffers no other thread uses until it is given back."""
        pair = self._free.get()
        try:
            yield pair
        finally:
            self._free.put(pair)


def workspace_for(enc: Encoded, rows: int, threads: int = 1) -> Workspace:
    """Buffers for blocks of up to `rows` mentees of this cohort, for `threads` threads."""
    return Workspace(rows, len(enc.mentors), threads)


def block_scores(enc: Encoded, start: int, stop: int, space: Workspace) -> F32:
    """Scores of mentees [start, stop) with every mentor; < 0 where a hard rule bars the pair."""
    return scores_of(enc, slice(start, stop), space)


def scores_of(enc: Encoded, rows: Rows, space: Workspace, cols: I64 | None = None) -> F32:
    """Scores of mentee `rows` with every mentor, or with the sorted mentor columns `cols`.

    Negative (-inf) where a hard rule bars the pair.
    """
    every = slice(None) if cols is None else cols
    # A fresh product: matmul into a preallocated `out` slice runs several times slower.
    scores: F32 = enc.points[rows] @ enc.features[:, every]
    count, width = scores.shape
    # Mentors are sorted by years, so those too junior for a mentee form a prefix of the row.
    firsts = enc.starts[rows]
    if cols is not None:
        firsts = np.searchsorted(cols, firsts)
    for i, first in enumerate(firsts.tolist()):
        if first:
            scores[i, :first] = _NEG
    with space.buffers() as (all_flags, all_other):
        flags, other = all_flags[:count, :width], all_other[:count, :width]
        flags[...] = False
        if enc.check_language:
            _no_shared_language(enc, rows, every, flags)
        if enc.check_unit:
            np.equal(enc.mentee_units[rows, None], enc.mentor_units[None, every], out=other)
            flags |= other
        np.copyto(scores, _NEG, where=flags)
    _bar_listed(enc, rows, cols, scores)
    return scores


def _no_shared_language(
    enc: Encoded, rows: Rows, cols: slice | I64, out: NDArray[np.bool_]
) -> None:
    """Marks the pairs sharing no language: once per distinct set of languages in the block
    (a block holds a few dozen), then copied to each row that speaks that set."""
    words = enc.mentee_languages[rows]
    order = np.lexsort(words.T[::-1])
    ranked = words[order]
    new = np.ones(len(ranked), dtype=np.bool_)
    new[1:] = (ranked[1:] != ranked[:-1]).any(axis=1)
    sets = ranked[new]
    which = np.empty(len(order), dtype=np.int64)
    which[order] = np.cumsum(new) - 1
    theirs = enc.mentor_languages[cols]
    shared = np.zeros((len(sets), len(theirs)), dtype=np.bool_)
    for word in range(sets.shape[1]):
        shared |= (sets[:, word, None] & theirs[None, :, word]) != 0
    np.take(~shared, which, axis=0, out=out)


def _bar_listed(enc: Encoded, rows: Rows, cols: I64 | None, scores: F32) -> None:
    """Self-pairs and excluded pairs among the block's rows and columns."""
    if isinstance(rows, slice):
        low, high = np.searchsorted(enc.barred_rows, [rows.start, rows.stop])
        at_r, at_c = enc.barred_rows[low:high] - rows.start, enc.barred_cols[low:high]
    else:
        at_r, at_c = _positions(rows, enc.barred_rows), enc.barred_cols
    if cols is not None:
        at_c = _positions(cols, at_c)
    keep = (at_r >= 0) & (at_c >= 0)
    scores[at_r[keep], at_c[keep]] = _NEG


def _positions(sorted_values: I64, wanted: I64) -> I64:
    """Where each wanted value sits in `sorted_values`; -1 where it is absent."""
    at = np.minimum(np.searchsorted(sorted_values, wanted), max(len(sorted_values) - 1, 0))
    found = sorted_values[at] == wanted if len(sorted_values) else np.zeros(len(wanted), bool)
    return np.where(found, at, -1)


def pair_scores(
    mentees: Sequence[MatchProfile],
    mentors: Sequence[MatchProfile],
    settings: MatchSettings,
    excluded_pairs: Collection[tuple[str, str]] = (),
) -> NDArray[np.int64]:
    """Every pair's whole score (SCALE per unit of weight), in input order; INFEASIBLE if barred.

    The engine's own scores and rules, for benchmarks and baselines: a pair's score depends on
    the two profiles only, never on who else is in the cohort.
    """
    enc = encode(mentees, mentors, settings, excluded_pairs)
    row_of = {p.key: i for i, p in enumerate(enc.mentees)}
    col_of = {p.key: j for j, p in enumerate(enc.mentors)}
    result = np.empty((len(enc.mentees), len(enc.mentors)), dtype=np.int64)
    block = max(1, settings.block_rows)
    space = workspace_for(enc, block)
    for start in range(0, len(enc.mentees), block):
        stop = min(start + block, len(enc.mentees))
        scores = block_scores(enc, start, stop, space)
        result[start:stop] = np.where(scores >= 0, scores, INFEASIBLE)
    rows = np.array([row_of[p.key] for p in mentees], dtype=np.int64)
    cols = np.array([col_of[p.key] for p in mentors], dtype=np.int64)
    return result[np.ix_(rows, cols)]
