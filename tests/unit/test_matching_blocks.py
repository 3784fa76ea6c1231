"""Helpers of the scoring passes agree with numpy's and the scalar rules on random inputs."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teams_app.domain.matching import MatchProfile, MatchSettings, pair_problem, pair_scores
from teams_app.domain.matching.passes import _above, first_of_each
from teams_app.domain.matching.selecting import row_floors

RULES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# More languages than one 64-bit word holds, so the language rule compares several words.
LANGUAGES = tuple(f"l{k}" for k in range(70))
# Languages on both sides of the boundary between the first word and the second.
NEAR_THE_BOUNDARY = tuple(sorted(LANGUAGES)[60:68])


@RULES
@given(st.lists(st.integers(-5, 40), max_size=60))
def test_first_of_each_is_where_numpy_unique_finds_each_value_first(values: list[int]) -> None:
    keys = np.array(values, dtype=np.int64)
    _, expected = np.unique(keys, return_index=True)
    assert np.array_equal(first_of_each(keys), expected)


def _people(prefix: str, spoken: list[frozenset[str]]) -> list[MatchProfile]:
    years = 0.0 if prefix == "e" else 10.0
    return [
        MatchProfile(
            key=f"{prefix}{i}", name=f"{prefix}{i}", years_in_organisation=years, languages=s
        )
        for i, s in enumerate(spoken)
    ]


@RULES
@given(
    st.lists(
        st.frozensets(st.sampled_from(NEAR_THE_BOUNDARY), max_size=2), min_size=1, max_size=12
    ),
    st.lists(st.frozensets(st.sampled_from(NEAR_THE_BOUNDARY), max_size=2), min_size=1, max_size=8),
)
def test_the_shared_language_rule_holds_across_many_languages(mentee_langs, mentor_langs) -> None:  # type: ignore[no-untyped-def]
    # Someone on each side speaks every language, so all 70 count and need two words.
    every = frozenset(LANGUAGES)
    mentees, mentors = _people("e", [*mentee_langs, every]), _people("r", [every, *mentor_langs])
    config = MatchSettings(block_rows=5)  # several blocks, each with its own language sets
    scores = pair_scores(mentees, mentors, config)
    for i, mentee in enumerate(mentees):
        for j, mentor in enumerate(mentors):
            assert (scores[i, j] >= 0) == (pair_problem(mentee, mentor, config) is None)


@RULES
@given(
    st.integers(1, 6),
    st.integers(1, 300),
    st.integers(0, 40),
    st.integers(1, 20),
    st.integers(0, 2**31),
)
def test_row_floors_leave_out_only_entries_at_most_the_floor_and_keep_few(
    rows: int, width: int, count: int, distinct: int, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    # Few distinct values make ties; a sorted row crowds its best entries into few chunks.
    scores = rng.integers(0, distinct, (rows, width)).astype(np.float32)
    scores[rng.random((rows, width)) < 0.2] = -np.inf
    scores[: rows // 2].sort(axis=1)
    (floor,) = row_floors(scores, (count,), -0.5)
    r, c, floor = _above(scores, floor, max(count, 1))
    above = np.zeros(scores.shape, dtype=np.bool_)
    above[r, c] = True
    assert (above == (scores > floor[:, None])).all()
    assert (np.bincount(r, minlength=rows) <= 4 * max(count, 1) + 32).all()
    # Entries strictly better than a row's (count + 1)-th best are all above its floor.
    if width > count:
        kth = -np.sort(-scores, axis=1)[:, count]
        assert (~(scores > kth[:, None]) | above).all()
    else:
        assert (above == (scores >= 0)).all()
