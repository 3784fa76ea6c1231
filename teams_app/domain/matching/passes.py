"""Passes over every pair of the cohort, block of mentees by block: candidates, then pricing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from teams_app.domain.matching.encoding import F32, I64, Encoded
from teams_app.domain.matching.parallel import in_order
from teams_app.domain.matching.scoring import Workspace, block_scores, scores_of
from teams_app.domain.matching.selecting import row_floors, take_best

_NEG = np.float32(-np.inf)
# Pricing thresholds and column offsets beyond these are "always" or "never": far enough from
# any score (< 2**20) that float32 rounding cannot flip a comparison.
FAR = np.float32(2.0**25)
NONE = -(2**62)  # "no such pair": below any score or price
Tick = Callable[[], None]


@dataclass(frozen=True)
class Found:
    """Pairs found by a pass: mentee rows, mentor columns, whole scores."""

    rows: I64
    cols: I64
    scores: I64


@dataclass(frozen=True)
class Pricing:
    """Per-row prices for a pricing pass: the pair (i, j) is violated iff
    score - offsets[group[i], j] > threshold[i]; rows of group -1 are never violated."""

    group: I64
    threshold: F32
    offsets: F32  # groups × mentors


def blocks(total: int, size: int, first: int = 0) -> Iterator[tuple[int, int]]:
    """[start, stop) ranges covering `total` rows; an optional smaller first block."""
    start = 0
    first = min(first, size)  # never larger than the blocks the workspace was made for
    if 0 < first < total:
        yield 0, first
        start = first
    while start < total:
        yield start, min(start + size, total)
        start += size


@dataclass(frozen=True)
class _Look:
    """What the candidate pass keeps of one block: its tracked pairs, which of them the first
    solve gets, its rows' bounds, and its best mentee for the mentors it may improve."""

    rows: I64
    cols: I64
    values: F32
    first: NDArray[np.bool_]
    bound: I64
    best_cols: I64
    best: F32
    best_rows: I64


def candidate_pass(
    enc: Encoded, space: Workspace, counts: tuple[int, int, int], tick: Tick
) -> tuple[Found, Found, I64]:
    """One pass over every pair: where pricing starts, what it tracks, and how far it can trust.

    `counts` is (per mentee, per mentor, tracked per mentee). Returns the first solve's pairs
    (each mentee's best `per mentee` or so mentors and, per mentor, up to `per mentor` mentees
    that were best for it within their block); the pairs pricing tracks exactly (each mentee's
    best `tracked` or so, sorted by row and column); and per mentee a bound on the score of
    every pair not tracked (NONE if no such pair is allowed).
    """
    per_mentee, per_mentor, track = counts
    track = max(track, per_mentee, 1)
    mentors = len(enc.mentors)
    kept_val = np.full((mentors, max(per_mentor, 1)), -1.0, dtype=np.float32)
    kept_row = np.full((mentors, max(per_mentor, 1)), -1, dtype=np.int64)

    def look(block: tuple[int, int, F32]) -> _Look:
        start, stop, least_kept = block
        scores = block_scores(enc, start, stop, space)
        # Maxima first: a column-wise argmax is several times slower than a max. Mentors
        # whose kept mentees (as they stood when the block was handed out: they only
        # improve) beat this block's best need no argmax; after the first blocks most do.
        best = scores.max(axis=0)
        cols = np.flatnonzero(best > least_kept) if per_mentor else np.zeros(0, np.int64)
        best_rows = scores[:, cols].argmax(axis=0) + start
        solve_floor, track_floor = row_floors(scores, (per_mentee, track), -0.5)
        r, c, track_floor = _above(scores, track_floor, track)
        v = scores[r, c]
        bound = np.where(track_floor >= 0, np.rint(track_floor), NONE).astype(np.int64)
        return _Look(r + start, c, v, v > solve_floor[r], bound, cols, best[cols], best_rows)

    def handed_out() -> Iterator[tuple[int, int, F32]]:
        for start, stop in blocks(len(enc.mentees), enc_block(space), first=per_mentor):
            yield start, stop, kept_val.min(axis=1)

    starts: list[tuple[I64, I64, F32]] = []
    tracked: list[tuple[I64, I64, F32]] = []
    bound = np.full(len(enc.mentees), NONE, dtype=np.int64)
    at = 0
    for seen in in_order(look, handed_out(), space.threads):
        better = seen.best > kept_val[seen.best_cols].min(axis=1)
        cols = seen.best_cols[better]
        slot = kept_val[cols].argmin(axis=1)
        kept_val[cols, slot] = seen.best[better]
        kept_row[cols, slot] = seen.best_rows[better]
        tracked.append((seen.rows, seen.cols, seen.values))
        starts.append((seen.rows[seen.first], seen.cols[seen.first], seen.values[seen.first]))
        bound[at : at + len(seen.bound)] = seen.bound
        at += len(seen.bound)
        tick()
    mentor_pick = kept_val >= 0
    every_col = np.broadcast_to(np.arange(mentors)[:, None], kept_row.shape)
    starts.append((kept_row[mentor_pick], every_col[mentor_pick], kept_val[mentor_pick]))
    first_solve = _unique(mentors, *_joined(starts))
    rows, cols, values = _joined(tracked)
    return first_solve, Found(rows, cols, np.rint(values).astype(np.int64)), bound


def _above(scores: F32, floor: F32, count: int) -> tuple[I64, I64, F32]:
    """The entries above each row's floor, and the floors; a row with far more than `count`
    above its floor (ties, or its best entries crowded into few chunks) gets the exact
    (count + 1)-th best as its floor instead, so the tracked pairs stay few."""
    r, c = nonzero(scores > floor[:, None])
    crowded = np.flatnonzero(np.bincount(r, minlength=len(floor)) > 4 * count + 32)
    if len(crowded):
        kth = scores.shape[1] - count - 1
        exact = np.partition(scores[crowded], kth, axis=1)[:, kth]
        floor = floor.copy()
        floor[crowded] = np.maximum(exact, floor[crowded])
        r, c = nonzero(scores > floor[:, None])
    return r, c, floor


def nonzero(mask: NDArray[np.bool_]) -> tuple[I64, I64]:
    """np.nonzero of a 2-D mask, as (rows, cols): the flat indices divided by the width
    take a fifth of the time np.nonzero takes on a wide block."""
    rows, cols = np.divmod(np.flatnonzero(mask), max(mask.shape[1], 1))
    return rows, cols


def enc_block(space: Workspace) -> int:
    """The block size the workspace was made for."""
    return space.rows


def _unique(mentors: int, rows: I64, cols: I64, values: F32) -> Found:
    """Each pair once, sorted; the scores are the blocks' own (whole numbers, exact)."""
    first = first_of_each(rows * max(mentors, 1) + cols)
    return Found(rows[first], cols[first], np.rint(values[first]).astype(np.int64))


def first_of_each(keys: I64) -> I64:
    """Where each distinct key first occurs, by increasing key: np.unique's return_index,
    without the numpy.ma import its first call costs (tens of ms in a fresh process)."""
    order = np.argsort(keys, kind="stable")
    ranked = keys[order]
    new = np.ones(len(ranked), dtype=np.bool_)
    new[1:] = ranked[1:] != ranked[:-1]
    first: I64 = order[new]
    return first


def exact_scores(enc: Encoded, rows: I64, cols: I64) -> I64:
    """Whole scores of the given pairs, from the same arithmetic as the blocks."""
    out = np.empty(len(rows), dtype=np.int64)
    for start in range(0, len(rows), 65536):
        r, c = rows[start : start + 65536], cols[start : start + 65536]
        dots = np.einsum("ij,ij->i", enc.points[r], enc.mentor_points[c])
        out[start : start + 65536] = np.rint(dots).astype(np.int64)
    return out


def spare_pass(
    enc: Encoded, space: Workspace, mentor_of: I64, spare: NDArray[np.bool_], count: int, tick: Tick
) -> Found:
    """Per mentee, the best `count` mentors with places left (not their own), from a pass
    over those mentors' columns only."""
    spare_cols = np.flatnonzero(spare)
    found: list[tuple[I64, I64, F32]] = []
    if not count or not len(spare_cols):
        return Found(*_empty())

    def look(block: tuple[int, int]) -> tuple[I64, I64, F32]:
        start, stop = block
        options = scores_of(enc, slice(start, stop), space, spare_cols)
        own = mentor_of[start:stop]
        mine = np.flatnonzero(spare[np.maximum(own, 0)] & (own >= 0))
        if len(mine):
            options[mine, np.searchsorted(spare_cols, own[mine])] = _NEG
        r, c, v = take_best(options, count, -0.5)
        return r + start, spare_cols[c], v

    for best in in_order(look, blocks(len(enc.mentees), enc_block(space)), space.threads):
        found.append(best)
        tick()
    rows, cols, scores = _joined(found)
    return Found(rows, cols, np.rint(scores).astype(np.int64))


def _empty() -> tuple[I64, I64, I64]:
    return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64)


def _joined(parts: list[tuple[I64, I64, F32]]) -> tuple[I64, I64, F32]:
    if not parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
    return (
        np.concatenate([p[0] for p in parts]),
        np.concatenate([p[1] for p in parts]),
        np.concatenate([p[2] for p in parts]),
    )
