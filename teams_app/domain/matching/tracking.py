"""Pricing without a full pass each round: pairs near violation tracked, the rest bounded.

Each row keeps a few pairs exactly (scores known, checked against every round's prices) and
an allowance for all its other pairs: score + M ≤ allowance + base[col], where base is the
mentor prices of the round the row was last scored (zero after the candidate pass). With new
prices (u, v), an untracked pair (i, j) can violate only if allowance_i − u_i > v_j − base_j:
a row whose allowance − u stays at or below the least price change since its base needs no
look, and the others are scored again only on the mentors whose price fell that far (a prefix
of the mentors ordered by price change), usually a small share of the row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from teams_app.domain.matching.encoding import F32, I64, Encoded
from teams_app.domain.matching.passes import NONE, Found, Pricing, Tick
from teams_app.domain.matching.scoring import Workspace, scores_of
from teams_app.domain.matching.selecting import best_with_rest
from teams_app.domain.matching.settings import SCALE

ALWAYS = 2**62  # an allowance that makes the row look again next round
_EXACT = 2.0**22  # reduced costs below this size are exact in a pass's float32 arithmetic
_WHOLE = 0.5  # a row looks at every mentor once it would look at more than this share
# How far below the least price change that matters a row still looks: a little room
# keeps the new bound from failing at the next small change; much room looks at many more.
_ROOM = SCALE // 2


@dataclass
class Tracked:
    """Pairs tracked exactly (sorted by row), and every row's allowance for the others."""

    rows: I64
    cols: I64
    scores: I64
    allowance: I64
    epoch: I64  # which entry of `bases` each row's allowance is relative to
    bases: list[I64]


@dataclass(frozen=True)
class _Look:
    """Rows of one epoch scored again on the first `width` mentors of `order`."""

    rows: I64  # sorted
    order: I64  # mentors by price change since the epoch's base, least first
    change: I64  # that price change, in the same order
    width: int  # len(order) for the whole row


def start_tracking(found: Found, bound: I64, m: int, mentors: int) -> Tracked:
    """After the candidate pass: its pairs tracked, every other pair scores at most `bound`."""
    allowance = np.where(bound > NONE, bound + m, NONE)
    epoch = np.zeros(len(bound), dtype=np.int64)
    zero = np.zeros(mentors, dtype=np.int64)
    return Tracked(found.rows, found.cols, found.scores, allowance, epoch, [zero])


def rows_to_rescore(tracked: Tracked, u: I64, v: I64) -> I64:
    """Rows where an untracked pair may violate the prices (u, v)."""
    dirty = np.zeros(len(u), dtype=np.bool_)
    for e, base in enumerate(tracked.bases):
        least = int((v - base).min(initial=0))
        dirty |= (tracked.epoch == e) & (tracked.allowance - u > least)
    return np.flatnonzero(dirty)


def violations(tracked: Tracked, u: I64, v: I64, m: int, margin: int) -> Found:
    """Tracked pairs priced less than `margin` above their weight: u + v − (score + M) <
    margin; with margin 0, the pairs that violate the prices."""
    r, c, s = tracked.rows, tracked.cols, tracked.scores
    bad = u[r] + v[c] - s - m < margin
    return Found(r[bad], c[bad], s[bad])


def rescore(
    tracked: Tracked,
    enc: Encoded,
    space: Workspace,
    rows: I64,
    prices: tuple[Pricing, I64, I64],
    keep: tuple[int, int],
    tick: Tick,
) -> None:
    """Score `rows` again against (u, v) on every mentor whose price fell enough to matter:
    track each row's `keep[0]` pairs of least reduced cost below `keep[1]`, and bound the
    rest by the next reduced cost (at most `keep[1]`) or by the mentors left out."""
    if not len(rows):
        return
    pricing, u, v = prices
    found: list[tuple[I64, I64, I64]] = []
    looked = np.zeros(len(u), dtype=np.int64)  # per row: mentors of its order scored
    allowance = tracked.allowance.copy()
    orders: dict[int, I64] = {}
    for look in _looks(tracked, rows, u, v, _ROOM, space.rows):
        if not look.width:  # every mentor's price rose enough: the bound moves with them
            allowance[look.rows] = tracked.allowance[look.rows] - look.change[0]
            continue
        whole = look.width >= len(v)
        cols = None if whole else np.sort(look.order[: look.width])
        scores = scores_of(enc, look.rows, space, cols)
        r, c, least = _nearest(_reduced(scores, pricing, look.rows, cols), keep)
        at = c if cols is None else cols[c]
        found.append((look.rows[r], at, np.rint(scores[r, c]).astype(np.int64)))
        near = np.where(least > NONE, u[look.rows] - least, ALWAYS)
        if not whole:  # the mentors left out: their price rose at least change[width]
            near = np.maximum(near, tracked.allowance[look.rows] - look.change[look.width])
        allowance[look.rows] = near
        looked[look.rows] = look.width
        orders[int(tracked.epoch[look.rows[0]])] = look.order
        tick()
    _replace(tracked, looked, orders, found)
    tracked.allowance = allowance
    tracked.epoch[rows] = len(tracked.bases)
    tracked.bases.append(v.copy())


def _looks(tracked: Tracked, rows: I64, u: I64, v: I64, margin: int, size: int) -> list[_Look]:
    """Blocks of `rows` to score, each with the mentors whose price fell enough for one of
    them: those whose change since the base is below allowance − u + margin (the margin
    leaves next round's bound some room)."""
    looks: list[_Look] = []
    epochs = tracked.epoch[rows]
    for e in sorted(set(epochs.tolist())):
        group = rows[epochs == e]
        change = v - tracked.bases[e]
        order = np.argsort(change, kind="stable")
        ranked = change[order]
        need = np.minimum(tracked.allowance[group] - u[group], ALWAYS // 4) + margin
        width = np.searchsorted(ranked, need, side="left")
        width[width > _WHOLE * len(v)] = len(v)
        by_width = np.argsort(-width, kind="stable")
        for start in range(0, len(group), size):
            chosen = by_width[start : start + size]
            widest = int(width[chosen].max())
            looks.append(_Look(np.sort(group[chosen]), order, ranked, widest))
    return looks


def _reduced(scores: F32, pricing: Pricing, rows: I64, cols: I64 | None) -> F32:
    """u + v − (score + M) per pair, exact where small; +inf where the pair is barred."""
    group = pricing.group[rows]
    offsets = pricing.offsets if cols is None else pricing.offsets[:, cols]
    out: F32 = scores - offsets[np.maximum(group, 0)]
    threshold = np.where(group >= 0, pricing.threshold[rows], np.inf)
    np.subtract(threshold[:, None], out, out=out)
    return out


def _nearest(reduced: F32, keep: tuple[int, int]) -> tuple[I64, I64, I64]:
    """Each row's `keep[0]` least reduced costs below `keep[1]`, and a bound on the rest."""
    count, cap = keep
    negated = np.negative(reduced, out=reduced)
    r, c, _, rest = best_with_rest(negated, count, -float(cap))
    least = np.minimum(-rest, cap)
    # Below the exact range the bound is unknown: NONE makes the row look again next round.
    bound = np.where(least > -_EXACT, np.rint(least), NONE).astype(np.int64)
    return r, c, bound


def _replace(
    tracked: Tracked, looked: I64, orders: dict[int, I64], found: list[tuple[I64, I64, I64]]
) -> None:
    """Drop the tracked pairs scored again (row and mentor looked at), add the new ones,
    keep everything sorted by row."""
    r, c = tracked.rows, tracked.cols
    gone = np.zeros(len(r), dtype=np.bool_)
    for e, order in orders.items():
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        mine = (tracked.epoch[r] == e) & (looked[r] > 0)
        gone[mine] = rank[c[mine]] < looked[r[mine]]
    parts = [(r[~gone], c[~gone], tracked.scores[~gone]), *found]
    rows = np.concatenate([p[0] for p in parts])
    cols = np.concatenate([p[1] for p in parts])
    scores = np.concatenate([p[2] for p in parts])
    order = np.argsort(rows, kind="stable")
    tracked.rows, tracked.cols, tracked.scores = rows[order], cols[order], scores[order]
