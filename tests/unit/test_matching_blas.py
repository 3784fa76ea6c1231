"""A matching runs its many small products on one BLAS thread and gives the setting back."""

from __future__ import annotations

from threadpoolctl import threadpool_info, threadpool_limits  # type: ignore[import-untyped]

from teams_app.domain.matching import MatchProfile, MatchSettings, match_cohort


def _blas_threads() -> set[int]:
    return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}


def _people(prefix: str, years: float, count: int) -> list[MatchProfile]:
    return [
        MatchProfile(
            key=f"{prefix}{i}",
            name=f"{prefix}{i}",
            years_in_organisation=years,
            languages=frozenset({"en"}),
        )
        for i in range(count)
    ]


def test_every_matching_limits_blas_to_one_thread_and_restores_it() -> None:
    seen: list[set[int]] = []
    mentees, mentors = _people("e", 1, 30), _people("r", 9, 20)
    settings = MatchSettings(block_rows=4)
    with threadpool_limits(limits=2, user_api="blas"):
        assert _blas_threads() == {2}
        for _ in range(2):  # the second matching reuses the thread pools found by the first
            result = match_cohort(
                mentees, mentors, settings, progress=lambda *_: seen.append(_blas_threads())
            )
            assert result.certified_optimal
            assert _blas_threads() == {2}
    assert len(seen) >= 2 * 2
    assert all(threads == {1} for threads in seen)
