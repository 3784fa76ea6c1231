"""Which known pairs join the next pricing round's solve: each row's least-priced few."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from teams_app.domain.matching.engine import _least
from teams_app.domain.matching.passes import Found

PAIRS = st.lists(
    st.tuples(st.integers(0, 5), st.integers(0, 7), st.integers(0, 40)),
    max_size=60,
    unique_by=lambda p: (p[0], p[1]),
)


@settings(max_examples=200, deadline=None)
@given(PAIRS, st.integers(1, 4), st.lists(st.integers(-50, 50), min_size=14, max_size=14))
def test_each_row_keeps_its_least_priced_pairs_ties_to_the_lowest_column(
    pairs: list[tuple[int, int, int]], per_row: int, prices: list[int]
) -> None:
    u, v = np.array(prices[:6], np.int64), np.array(prices[6:], np.int64)
    found = Found(*(np.array([p[k] for p in pairs], np.int64) for k in range(3)))
    kept = _least(found, (u, v, 3), per_row)
    expected = set()
    for row in {p[0] for p in pairs}:
        mine = sorted((u[r] + v[c] - s - 3, c, s) for r, c, s in pairs if r == row)
        expected |= {(row, c, s) for _, c, s in mine[:per_row]}
    got = set(zip(kept.rows.tolist(), kept.cols.tolist(), kept.scores.tolist(), strict=True))
    assert got == expected and len(kept.rows) == len(expected)
