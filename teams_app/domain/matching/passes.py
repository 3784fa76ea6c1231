"""Passes over every pair of the cohort, block of mentees by block: candidates, then pricing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from teams_app.domain.matching.encoding import F32, I64, Encoded
from teams_app.domain.matching.scoring import Workspace, block_scores, scores_of
from teams_app.domain.matching.selecting import best_with_rest, take_best

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
    if 0 < first < total:
        yield 0, first
        start = first
    while start < total:
        yield start, min(start + size, total)
        start += size


def candidate_pass(
    enc: Encoded, space: Workspace, per_mentee: int, per_mentor: int, tick: Tick
) -> tuple[Found, I64]:
    """Each mentee's best `per_mentee` mentors and, per mentor, up to `per_mentor` mentees
    that were best for it within their block: a start the pricing loop completes.

    Also each row's best score among the pairs it did not keep (NONE if no such pair is
    allowed): the bound that spares most of them a second look.
    """
    mentors = len(enc.mentors)
    kept_val = np.full((mentors, max(per_mentor, 1)), -1.0, dtype=np.float32)
    kept_row = np.full((mentors, max(per_mentor, 1)), -1, dtype=np.int64)
    every_col = np.arange(mentors)
    rows: list[I64] = []
    cols: list[I64] = []
    values: list[F32] = []
    bound = np.full(len(enc.mentees), NONE, dtype=np.int64)
    size = enc_block(space)
    for start, stop in blocks(len(enc.mentees), size, first=per_mentor):
        scores = block_scores(enc, start, stop, space)
        if per_mentor:
            # Maxima first: a column-wise argmax is several times slower than a max, and
            # after the first blocks few mentors find a better mentee.
            best = scores.max(axis=0)
            better = np.flatnonzero(best > kept_val.min(axis=1))
            slot = kept_val[better].argmin(axis=1)
            kept_val[better, slot] = best[better]
            kept_row[better, slot] = scores[:, better].argmax(axis=0) + start
        r, c, v, rest = best_with_rest(scores, per_mentee, -0.5)
        rows.append(r + start)
        cols.append(c)
        values.append(v)
        bound[start:stop] = np.where(rest >= 0, np.rint(rest), NONE)
        tick()
    mentor_pick = kept_val >= 0
    rows.append(kept_row[mentor_pick])
    cols.append(np.broadcast_to(every_col[:, None], kept_row.shape)[mentor_pick])
    values.append(kept_val[mentor_pick])
    joined = (np.concatenate(rows), np.concatenate(cols), np.concatenate(values))
    return _unique(len(enc.mentors), *joined), bound


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
    for start, stop in blocks(len(enc.mentees), enc_block(space)):
        options = scores_of(enc, slice(start, stop), space, spare_cols)
        own = mentor_of[start:stop]
        mine = np.flatnonzero(spare[np.maximum(own, 0)] & (own >= 0))
        if len(mine):
            options[mine, np.searchsorted(spare_cols, own[mine])] = _NEG
        r, c, v = take_best(options, count, -0.5)
        found.append((r + start, spare_cols[c], v))
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
