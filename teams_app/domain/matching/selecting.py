"""Each row's best few entries of a wide block, without scanning the block once per entry."""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import as_strided

from teams_app.domain.matching.encoding import F32, I64

_NEG = np.float32(-np.inf)
_CHUNK = 32  # columns per chunk: each row's best chunks hold its best entries


def take_best(matrix: F32, count: int, floor: float) -> tuple[I64, I64, F32]:
    """Up to `count` best entries per row above `floor` (ties: lowest column); overwrites."""
    picked_r: list[I64] = []
    picked_c: list[I64] = []
    picked_v: list[F32] = []
    every = np.arange(matrix.shape[0])
    for _ in range(count):
        best = matrix.argmax(axis=1)
        value = matrix[every, best]
        keep = value > floor
        if not keep.any():
            break
        picked_r.append(every[keep])
        picked_c.append(best[keep])
        picked_v.append(value[keep])
        matrix[every, best] = _NEG
    if not picked_r:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=matrix.dtype)
    return np.concatenate(picked_r), np.concatenate(picked_c), np.concatenate(picked_v)


def best_with_rest(matrix: F32, count: int, floor: float) -> tuple[I64, I64, F32, F32]:
    """`take_best` with ties in any fixed order, and each row's largest entry left over
    (-inf if none); may overwrite.

    Columns fall into chunks (chunk k: columns k, k + P, k + 2P, …); a row's `count` best
    entries lie in its `count` chunks of largest maximum, so only those are searched.
    """
    rows, width = matrix.shape
    if count <= 0 or width < 4 * count * _CHUNK or not matrix.flags.c_contiguous:
        r, c, v = take_best(matrix, count, floor)
        return r, c, v, matrix.max(axis=1, initial=-np.inf)
    period = -(-width // _CHUNK)
    tops = _chunk_maxima(matrix, period)
    chunks = _best_chunks(tops, count, floor)
    cols = chunks[:, :, None] + period * np.arange(_CHUNK, dtype=np.int64)
    cols = np.where((chunks[:, :, None] >= 0) & (cols < width), cols, width)
    cols = cols.reshape(rows, -1)
    missing = cols == width
    cols[missing] = 0
    sub = np.take_along_axis(matrix, cols, axis=1)
    sub[missing] = _NEG
    r, at, v = take_best(sub, count, floor)
    rest = np.maximum(sub.max(axis=1, initial=-np.inf), tops.max(axis=1, initial=-np.inf))
    return r, cols[r, at], v, rest


def _chunk_maxima(matrix: F32, period: int) -> F32:
    """Each row's maximum over columns k, k + period, …, for every k < period."""
    rows, width = matrix.shape
    whole = width // period
    step = matrix.strides
    view = as_strided(
        matrix, (rows, whole, period), (step[0], period * step[1], step[1]), writeable=False
    )
    tops: F32 = view.max(axis=1)
    tail = width - whole * period
    if tail:
        np.maximum(tops[:, :tail], matrix[:, whole * period :], out=tops[:, :tail])
    return tops


def _best_chunks(tops: F32, count: int, floor: float) -> I64:
    """Per row, its `count` chunks of largest maximum above `floor`, ascending; -1 pads.

    The chosen chunks' maxima are overwritten, so `tops` keeps the maxima of the others.
    """
    rows = tops.shape[0]
    every = np.arange(rows)
    chosen = np.full((rows, count), np.iinfo(np.int64).max, dtype=np.int64)
    for k in range(count):
        best = tops.argmax(axis=1)
        keep = tops[every, best] > floor
        if not keep.any():
            break
        chosen[keep, k] = best[keep]
        tops[every[keep], best[keep]] = _NEG
    chosen.sort(axis=1)
    return np.where(chosen == np.iinfo(np.int64).max, -1, chosen)
