"""Pricing without a full pass each round: each mentee's best pairs tracked, the rest bounded.

The candidate pass keeps each row's best pairs (about `tracked_per_mentee`) exactly and a
bound on the score of every other pair of the row. Tracked pairs are priced exactly each
round. An untracked pair (i, j) scores at most bound_i, so it can violate the prices (u, v)
only if bound_i + M − u_i > v_j: with the mentors ordered by price, a prefix of them, usually
a small share of the row. Only that prefix is scored again, and the pairs found there priced
near their weight join the tracked ones. The bound never changes, so nothing a round forgets
can be missed later.

A row scored in one round need not be scored in the next if prices barely moved: the pairs
of its last look were all priced at least `reach` above their weight, so they stay clear while
its price fell and its look's mentors' prices dropped by `reach` at most between them; and the
mentors outside that look stay clear while none is priced below the row's new level.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from teams_app.domain.matching.encoding import F32, I64, Encoded
from teams_app.domain.matching.parallel import in_order
from teams_app.domain.matching.passes import NONE, Found, Pricing, Tick, first_of_each, nonzero
from teams_app.domain.matching.scoring import Workspace, scores_of

_WHOLE = 0.5  # a row is scored in full once it would look at more than this share
ALWAYS = 2**60  # beyond any price
Bools = NDArray[np.bool_]


@dataclass
class Tracked:
    """The candidate pass's pairs (sorted by row, then column), the pairs pricing rounds
    added (not among the first; sorted the same way), and every row's bound on the rest."""

    first: Found
    bound: I64
    added: Found = field(default_factory=lambda: Found(*(np.zeros(0, np.int64),) * 3))
    looks: list[_Prices] = field(default_factory=list)  # the mentor prices of each look
    look: I64 = field(default_factory=lambda: np.zeros(0, np.int64))  # per row; -1: none yet
    width: I64 = field(default_factory=lambda: np.zeros(0, np.int64))  # mentors looked at
    price: I64 = field(default_factory=lambda: np.zeros(0, np.int64))  # the row's, then


@dataclass(frozen=True)
class _Prices:
    """Mentor prices of one look, and the mentors ordered by them."""

    v: I64
    order: I64


def start_tracking(kept: Found, bound: I64) -> Tracked:
    """After the candidate pass: its pairs tracked, every other pair scores at most `bound`."""
    rows = len(bound)
    none = np.full(rows, -1, dtype=np.int64)
    return Tracked(kept, bound, look=none, width=np.zeros(rows, np.int64), price=none.copy())


def priced_above(pairs: Found, u: I64, v: I64, m: int) -> I64:
    """How far above its weight the prices (u, v) value each pair: u + v − (score + M);
    below 0, the pair violates them."""
    above: I64 = u[pairs.rows] + v[pairs.cols] - pairs.scores - m
    return above


def violations(tracked: Tracked, u: I64, v: I64, m: int, margin: int) -> Found:
    """Tracked pairs priced less than `margin` above their weight; with margin 0, the pairs
    that violate the prices."""
    parts = []
    for pairs in (tracked.first, tracked.added):
        r, c, s = pairs.rows, pairs.cols, pairs.scores
        bad = priced_above(pairs, u, v, m) < margin
        parts.append((r[bad], c[bad], s[bad]))
    return Found(*(np.concatenate([p[k] for p in parts]) for k in range(3)))


def rescore(
    tracked: Tracked,
    enc: Encoded,
    space: Workspace,
    prices: tuple[Pricing, I64, I64, int],
    reach: int,
    tick: Tick,
) -> int:
    """Score again every untracked pair that the prices (u, v) might undervalue, and track
    those priced less than `reach` above their weight. Returns how many pairs it scored."""
    pricing, u, v, m = prices
    order = np.argsort(v, kind="stable")
    need = np.where(tracked.bound > NONE, tracked.bound + m - u, NONE)
    width = np.searchsorted(v[order], need, side="left")
    width[width > _WHOLE * len(v)] = len(v)
    rows = np.flatnonzero((width > 0) & ~_still_clear(tracked, u, v, need, reach))
    by_width = rows[np.argsort(-width[rows], kind="stable")]

    def look(start: int) -> tuple[tuple[I64, I64, I64], int]:
        chosen = np.sort(by_width[start : start + space.rows])
        widest = int(width[chosen].max())
        cols = None if widest >= len(v) else np.sort(order[:widest])
        scores = scores_of(enc, chosen, space, cols)
        r, c = nonzero(_reduced(scores, pricing, chosen, cols) < reach)
        at = c if cols is None else cols[c]
        return (chosen[r], at, np.rint(scores[r, c]).astype(np.int64)), scores.size

    found: list[tuple[I64, I64, I64]] = []
    scored = 0
    for pairs, size in in_order(look, range(0, len(by_width), space.rows), space.threads):
        found.append(pairs)
        scored += size
        tick()
    _add(tracked, found, len(v))
    tracked.look[rows] = len(tracked.looks)
    tracked.width[rows] = width[rows]
    tracked.price[rows] = u[rows]
    tracked.looks.append(_Prices(v.copy(), order))
    return scored


def _still_clear(tracked: Tracked, u: I64, v: I64, need: I64, reach: int) -> Bools:
    """Rows whose last look still proves every untracked pair clear of the prices (u, v)."""
    clear = np.zeros(len(u), dtype=np.bool_)
    for e, then in enumerate(tracked.looks):
        mine = np.flatnonzero(tracked.look == e)
        if not len(mine):
            continue
        k = tracked.width[mine]
        # most_drop[k]: the largest price drop among the first k mentors of that look;
        # least_after[k]: the lowest price now among the mentors from the k-th on.
        drop = then.v[then.order] - v[then.order]
        most_drop = np.concatenate(([-ALWAYS], np.maximum.accumulate(drop)))
        now = v[then.order]
        least_after = np.concatenate((np.minimum.accumulate(now[::-1])[::-1], [ALWAYS]))
        inside = tracked.price[mine] - u[mine] + most_drop[k] <= reach
        outside = least_after[k] >= need[mine]
        clear[mine] = inside & outside
    return clear


def _reduced(scores: F32, pricing: Pricing, rows: I64, cols: I64 | None) -> F32:
    """u + v − (score + M) per pair, exact where small; +inf where the row is never priced.

    Barred pairs (score −inf) come out +inf. Large values may be rounded, never across a
    small threshold (see pricing.py).
    """
    group = pricing.group[rows]
    offsets = pricing.offsets if cols is None else pricing.offsets[:, cols]
    out: F32 = scores - offsets[np.maximum(group, 0)]
    threshold = np.where(group >= 0, pricing.threshold[rows], np.inf)
    np.subtract(threshold[:, None], out, out=out)
    return out


def _add(tracked: Tracked, found: list[tuple[I64, I64, I64]], mentors: int) -> None:
    """Add the pairs found to `tracked.added`, leaving out those tracked already."""
    if not found:
        return
    width = max(mentors, 1)
    first_keys = tracked.first.rows * width + tracked.first.cols
    added = tracked.added
    rows = np.concatenate([added.rows, *(f[0] for f in found)])
    cols = np.concatenate([added.cols, *(f[1] for f in found)])
    scores = np.concatenate([added.scores, *(f[2] for f in found)])
    keys = rows * width + cols
    at = np.minimum(np.searchsorted(first_keys, keys), max(len(first_keys) - 1, 0))
    new = first_keys[at] != keys if len(first_keys) else np.ones(len(keys), np.bool_)
    rows, cols, scores, keys = rows[new], cols[new], scores[new], keys[new]
    first = first_of_each(keys)
    tracked.added = Found(rows[first], cols[first], scores[first])
