"""Each row's best few entries of a wide block, without scanning the block once per entry."""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import as_strided

from teams_app.domain.matching.encoding import F32, I64

_NEG = np.float32(-np.inf)
# Columns per chunk of `row_floors`: small enough that about k chunk maxima lie near the k best
# entries, large enough that the chunk maxima are few to sort.
_FLOOR_CHUNK = 8


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


def row_floors(matrix: F32, counts: tuple[int, ...], floor: float) -> list[F32]:
    """Per row and per count k, a floor with about k entries of the row above it: the
    (k + 1)-th largest maximum of small column chunks (`floor` where there are too few).

    Every entry the floor leaves out is at most the floor, and the row's k best lie above it
    but for ties, so "entries above the floor" stands in for "the k best" at the cost of one
    pass over the block: no sort, no partial sort of the whole row.
    """
    rows, width = matrix.shape
    most = max(counts, default=0) + 1
    chunk = min(_FLOOR_CHUNK, max(1, width // (4 * most)))
    period = -(-width // chunk)
    tops = _chunk_maxima(matrix, period) if rows and width else np.zeros((rows, 0), np.float32)
    out: list[F32] = []
    # Largest count first: each later partition only sorts the previous one's upper part.
    for k in sorted(set(counts), reverse=True):
        if k + 1 > tops.shape[1]:
            level = np.full(rows, -np.inf, dtype=np.float32)
        else:
            tops = np.partition(tops, tops.shape[1] - k - 1, axis=1)[:, tops.shape[1] - k - 1 :]
            level = tops[:, 0]
        out.append(np.maximum(level, np.float32(floor)).astype(np.float32))
    by_count = dict(zip(sorted(set(counts), reverse=True), out, strict=True))
    return [by_count[k] for k in counts]


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
