"""The baselines the engine is measured against: dense LSA on mentor slots, and greedy by score.

Both read scores through a `Scorer` (the engine's own) and optimise the same objective as the
engine: participation first (a big-M bonus per matched mentee), then the total score.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
from matching_scores import INFEASIBLE, IntArray, Scorer
from scipy.optimize import linear_sum_assignment  # type: ignore[import-untyped]

ROWS_PER_BLOCK = 1_000
DENSE_LIMIT_BYTES = 8 * 1024**3
GREEDY_PAIRS_PER_PASS = 20_000_000


@dataclass(frozen=True)
class Assignment:
    """Pairs as index arrays (mentee, mentor) and the score of each."""

    mentees: IntArray
    mentors: IntArray
    scores: IntArray
    solver_seconds: float | None = None  # the solver alone, without scoring the pairs

    @property
    def matched(self) -> int:
        """How many mentees got a mentor."""
        return int(self.mentees.size)

    @property
    def total(self) -> int:
        """The sum of the pairs' scores."""
        return int(self.scores.sum())


def dense_bytes(n_mentees: int, slots: IntArray) -> int:
    """Bytes of the float64 matrix dense LSA needs (one row per mentee, one column per slot)."""
    return n_mentees * int(slots.sum()) * 8


def dense_lsa(scorer: Scorer, n_mentees: int, slots: IntArray) -> Assignment:
    """The optimum by scipy's linear_sum_assignment on the dense mentee × mentor-slot matrix."""
    owner = np.repeat(np.arange(slots.size), slots)
    # The smaller side is the rows: scipy transposes (copies) a tall matrix otherwise.
    tall = n_mentees > owner.size
    value = np.zeros((owner.size, n_mentees) if tall else (n_mentees, owner.size))
    mentors, top = np.arange(slots.size), 0
    for start in range(0, n_mentees, ROWS_PER_BLOCK):
        rows = np.arange(start, min(start + ROWS_PER_BLOCK, n_mentees))
        block = scorer.block(rows, mentors)
        top = max(top, int(block.max(initial=0)))
        # 0 means "not paired"; a feasible pair is worth 1 + its score before the bonus.
        expanded = (block + 1)[:, owner]
        if tall:
            value[:, rows] = expanded.T
        else:
            value[rows] = expanded
    # One more match must outweigh any score a smaller matching could gather.
    big_m = (top + 1) * min(n_mentees, owner.size) + 1
    np.add(value, big_m - 1, out=value, where=value > 0)
    started = time.perf_counter()
    rows, cols = linear_sum_assignment(value, maximize=True)
    solver_seconds = time.perf_counter() - started
    chosen = value[rows, cols] > 0
    rows, cols = rows[chosen], cols[chosen]
    mentee, slot = (cols, rows) if tall else (rows, cols)
    scores = value[rows, cols] - big_m
    found = _sorted(mentee, owner[slot], scores.astype(np.int64))
    return replace(found, solver_seconds=solver_seconds)


def greedy(scorer: Scorer, n_mentees: int, slots: IntArray) -> Assignment:
    """Feasible pairs by descending score, each taken if both sides are still free."""
    free = bytearray(b"\x01") * n_mentees
    left = slots.tolist()
    taken: list[tuple[int, int, int]] = []
    below: int | None = None  # scores at or above this were handled in earlier passes
    while True:
        rows = np.flatnonzero(np.frombuffer(free, dtype=np.uint8))
        cols = np.flatnonzero(np.array(left) > 0)
        if rows.size == 0 or cols.size == 0:
            break
        floor = _pass_floor(scorer, rows, cols, below)
        scores, mentees, mentors = _candidates(scorer, rows, cols, floor, below)
        _take(scores, mentees, mentors, free, left, taken)
        if floor <= 0:
            break
        below = floor
    pairs = np.array(taken, dtype=np.int64).reshape(-1, 3)
    return _sorted(pairs[:, 0], pairs[:, 1], pairs[:, 2])


def _pass_floor(scorer: Scorer, rows: IntArray, cols: IntArray, below: int | None) -> int:
    # A sample of mentees tells which score floor keeps this pass within its pair budget.
    sample = rows[:: max(1, rows.size // 500)]
    block = scorer.block(sample, cols).ravel()
    block = block[(block >= 0) & (block < below if below is not None else True)]
    wanted = GREEDY_PAIRS_PER_PASS * sample.size // rows.size
    if block.size <= wanted:
        return 0
    edge = int(np.partition(block, block.size - wanted)[block.size - wanted])
    # When one score level alone exceeds the budget, the pass takes that level whole.
    return edge + 1 if bool(np.any(block > edge)) else edge


def _candidates(
    scorer: Scorer, rows: IntArray, cols: IntArray, floor: int, below: int | None
) -> tuple[IntArray, IntArray, IntArray]:
    parts: list[tuple[IntArray, IntArray, IntArray]] = []
    for start in range(0, rows.size, ROWS_PER_BLOCK):
        chunk = rows[start : start + ROWS_PER_BLOCK]
        block = scorer.block(chunk, cols)
        keep = block >= max(floor, 0)
        if below is not None:
            keep &= block < below
        i, j = np.nonzero(keep)
        parts.append(
            (block[i, j].astype(np.int32), chunk[i].astype(np.int32), cols[j].astype(np.int32))
        )
    scores, mentees, mentors = (np.concatenate([p[k] for p in parts]) for k in range(3))
    order = np.lexsort((mentors, mentees, -scores))
    return scores[order], mentees[order], mentors[order]


def _take(
    scores: IntArray,
    mentees: IntArray,
    mentors: IntArray,
    free: bytearray,
    left: list[int],
    taken: list[tuple[int, int, int]],
) -> None:
    # Level by level, pairs whose side is already gone are dropped in bulk before the loop.
    edges = np.flatnonzero(np.diff(scores)) + 1
    for start, stop in zip([0, *edges.tolist()], [*edges.tolist(), scores.size], strict=True):
        e, r = mentees[start:stop], mentors[start:stop]
        alive = np.frombuffer(free, dtype=np.uint8)[e].astype(bool) & (np.array(left)[r] > 0)
        score = int(scores[start]) if stop > start else INFEASIBLE
        for mentee, mentor in zip(e[alive].tolist(), r[alive].tolist(), strict=True):
            if free[mentee] and left[mentor] > 0:
                free[mentee] = 0
                left[mentor] -= 1
                taken.append((mentee, mentor, score))


def _sorted(mentees: npt.ArrayLike, mentors: npt.ArrayLike, scores: npt.ArrayLike) -> Assignment:
    e, r, s = (np.asarray(a, dtype=np.int64) for a in (mentees, mentors, scores))
    order = np.argsort(e, kind="stable")
    return Assignment(e[order], r[order], s[order])
