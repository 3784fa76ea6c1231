"""Pricing without a full pass each round: pairs near violation tracked, the rest bounded.

Each row keeps a few pairs exactly (scores known, checked against every round's prices) and
an allowance for all its other pairs: score + M ≤ allowance + base[col], where base is the
mentor prices of the round the row was last scored in full (zero after the candidate pass).
With new prices (u, v), an untracked pair (i, j) can violate only if
allowance_i − u_i > v_j − base_j, so a row whose allowance − u stays at or below the least
price change since its base needs no look; the others are scored again in full.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from teams_app.domain.matching.encoding import F32, I64, Encoded
from teams_app.domain.matching.passes import NONE, Found, Pricing, Tick, blocks
from teams_app.domain.matching.scoring import Workspace, scores_of
from teams_app.domain.matching.selecting import best_with_rest

ALWAYS = 2**62  # an allowance that makes the row look again next round
_EXACT = 2.0**22  # reduced costs below this size are exact in a pass's float32 arithmetic


@dataclass
class Tracked:
    """Pairs tracked exactly (sorted by row), and every row's allowance for the others."""

    rows: I64
    cols: I64
    scores: I64
    allowance: I64
    epoch: I64  # which entry of `bases` each row's allowance is relative to
    bases: list[I64]


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
    """Score `rows` in full against (u, v): track each row's `keep[0]` pairs of least reduced
    cost below `keep[1]`, and bound the rest by the next reduced cost (at most `keep[1]`)."""
    if not len(rows):
        return
    pricing, u, v = prices
    found: list[tuple[I64, I64, I64]] = []
    slack = np.zeros(len(rows), dtype=np.int64)
    for start, stop in blocks(len(rows), space.rows):
        block = rows[start:stop]
        scores = scores_of(enc, block, space)
        r, c, least = _nearest(scores, _reduced(scores, pricing, block), keep)
        found.append((block[r], c, np.rint(scores[r, c]).astype(np.int64)))
        slack[start:stop] = least
        tick()
    _replace(tracked, rows, found)
    tracked.allowance[rows] = np.where(slack > NONE, u[rows] - slack, ALWAYS)
    tracked.epoch[rows] = len(tracked.bases)
    tracked.bases.append(v.copy())


def _reduced(scores: F32, pricing: Pricing, rows: I64) -> F32:
    """u + v − (score + M) per pair, exact where small; +inf where the pair is barred."""
    group = pricing.group[rows]
    out: F32 = scores - pricing.offsets[np.maximum(group, 0)]
    threshold = np.where(group >= 0, pricing.threshold[rows], np.inf)
    np.subtract(threshold[:, None], out, out=out)
    return out


def _nearest(scores: F32, reduced: F32, keep: tuple[int, int]) -> tuple[I64, I64, I64]:
    """Each row's `keep[0]` least reduced costs below `keep[1]`, and a bound on the rest."""
    count, cap = keep
    negated = np.negative(reduced, out=reduced)
    r, c, _, rest = best_with_rest(negated, count, -float(cap))
    least = np.minimum(-rest, cap)
    # Below the exact range the bound is unknown: NONE makes the row look again next round.
    bound = np.where(least > -_EXACT, np.rint(least), NONE).astype(np.int64)
    del scores
    return r, c, bound


def _replace(tracked: Tracked, rows: I64, found: list[tuple[I64, I64, I64]]) -> None:
    """Drop the tracked pairs of `rows`, add the new ones, keep everything sorted by row."""
    stay = ~np.isin(tracked.rows, rows)
    parts = [(tracked.rows[stay], tracked.cols[stay], tracked.scores[stay]), *found]
    r = np.concatenate([p[0] for p in parts])
    c = np.concatenate([p[1] for p in parts])
    s = np.concatenate([p[2] for p in parts])
    order = np.argsort(r, kind="stable")
    tracked.rows, tracked.cols, tracked.scores = r[order], c[order], s[order]
