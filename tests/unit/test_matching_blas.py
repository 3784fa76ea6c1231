"""A matching runs its many small products on one BLAS thread and gives the setting back,
on the calling thread and on a worker thread (where the web server runs matchings)."""

from __future__ import annotations

import threading

import pytest
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


def _two_matchings_under_two_blas_threads() -> list[set[int]]:
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
    return seen


@pytest.mark.parametrize("where", ["calling thread", "worker thread"])
def test_every_matching_limits_blas_to_one_thread_and_restores_it(where: str) -> None:
    seen: list[list[set[int]]] = []
    if where == "calling thread":
        seen.append(_two_matchings_under_two_blas_threads())
    else:
        worker = threading.Thread(
            target=lambda: seen.append(_two_matchings_under_two_blas_threads())
        )
        worker.start()
        worker.join(60)
    assert len(seen) == 1  # the worker's assertions held, or it would not have appended
    assert len(seen[0]) >= 2 * 2
    assert all(threads == {1} for threads in seen[0])
