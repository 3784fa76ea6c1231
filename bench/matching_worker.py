"""One method on one cohort, in a process of its own so its peak RSS is its own.

    python bench/matching_worker.py METHOD N_MENTEES N_MENTORS SEED [--placeholder-scores]

METHOD is engine, lsa, greedy or mentor_match. Prints one JSON line: seconds (the method only,
not building the cohort), matched, total score, peak RSS, and for the engine its
certified_optimal flag. Every assignment is checked (feasible pairs, capacities) before it
is reported.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
from cohorts import synthetic_cohort
from matching_baselines import Assignment, dense_lsa, greedy
from matching_mentor_match import mentor_match
from matching_scores import (
    IntArray,
    Scorer,
    bench_programme,
    engine_module,
    scorer_for,
    slots_of,
)
from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

from teams_app.domain.matching.profile import MatchProfile

Method = Callable[[Scorer, int, IntArray], Assignment]
BASELINES: dict[str, Method] = {"lsa": dense_lsa, "greedy": greedy, "mentor_match": mentor_match}
# match_cohort limits BLAS to one thread itself; every method runs under the same limit, so
# the baselines' score products are not favoured or hindered by a thread count of their own.
BLAS_THREADS = 1


def memory_mb(field: str) -> float:
    """A VmHWM/VmRSS figure of this process from /proc/self/status, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def engine(
    mentees: list[MatchProfile], mentors: list[MatchProfile], scorer: Scorer
) -> tuple[Assignment, Any]:
    """Tandem's engine on the cohort: its pairs, rescored with the shared scorer."""
    matching = engine_module()
    result = matching.match_cohort(mentees, mentors, matching.settings_for(bench_programme()))
    where_e = {p.key: i for i, p in enumerate(mentees)}
    where_r = {p.key: j for j, p in enumerate(mentors)}
    pairs = [(where_e[_key(p, "mentee")], where_r[_key(p, "mentor")]) for p in result.pairs]
    e = np.array([p[0] for p in pairs], dtype=np.int64)
    r = np.array([p[1] for p in pairs], dtype=np.int64)
    return Assignment(e, r, np.zeros_like(e)), result


def _key(pair: Any, side: str) -> str:
    value = getattr(pair, side, None)
    if value is None:
        value = getattr(pair, f"{side}_key")
    return value if isinstance(value, str) else str(value.key)


def rescored(scorer: Scorer, found: Assignment) -> Assignment:
    """The same pairs with the shared scorer's scores (diagonals of small blocks)."""
    scores = np.empty_like(found.mentees)
    for start in range(0, found.matched, 500):
        e, r = found.mentees[start : start + 500], found.mentors[start : start + 500]
        scores[start : start + 500] = np.diagonal(scorer.block(e, r))
    return Assignment(found.mentees, found.mentors, scores)


def problems(found: Assignment, slots: IntArray) -> list[str]:
    """What is wrong with an assignment: barred pairs, two mentors, capacity exceeded."""
    wrong = []
    if (found.scores < 0).any():
        wrong.append(f"{int((found.scores < 0).sum())} barred pairs")
    if np.unique(found.mentees).size != found.matched:
        wrong.append("a mentee paired twice")
    if (np.bincount(found.mentors, minlength=slots.size) > slots).any():
        wrong.append("a mentor over capacity")
    return wrong


def main() -> None:
    """Run one method and print its figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("method", choices=["engine", *BASELINES])
    parser.add_argument("n_mentees", type=int)
    parser.add_argument("n_mentors", type=int)
    parser.add_argument("seed", type=int)
    parser.add_argument("--placeholder-scores", action="store_true")
    args = parser.parse_args()
    mentees, mentors = synthetic_cohort(args.n_mentees, args.n_mentors, args.seed)
    programme = bench_programme()
    scorer = scorer_for(mentees, mentors, programme, placeholder=args.placeholder_scores)
    slots = slots_of(mentors, programme)
    before = memory_mb("VmRSS")
    certified, why_not = None, ""
    # The clock starts inside the limit: setting it up (about 15 ms, threadpoolctl resolving
    # every loaded library) is this harness's, not any method's.
    with threadpool_limits(limits=BLAS_THREADS, user_api="blas"):
        started, cpu_started = time.perf_counter(), time.process_time()
        if args.method == "engine":
            found, result = engine(mentees, mentors, scorer)
            certified = getattr(result, "certified_optimal", None)
            why_not = str(getattr(result, "not_certified_because", "") or "")
        else:
            found = BASELINES[args.method](scorer, len(mentees), slots)
    seconds = time.perf_counter() - started
    # CPU time beside wall time: on a machine shared with other work, the wall time of each
    # method stretches with the load while its CPU time stays close to what it needs.
    cpu_seconds = time.process_time() - cpu_started
    reasons_seconds = None
    if args.method == "engine":
        # Reasons are built when first read; time reading every pair's, apart from `seconds`.
        started = time.perf_counter()
        for pair in getattr(result, "pairs", ()):
            _ = pair.reasons
        reasons_seconds = time.perf_counter() - started
    solver_seconds = found.solver_seconds
    found = rescored(scorer, found)
    report = {
        "method": args.method,
        "scores": scorer.name,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "solver_seconds": solver_seconds,
        "reasons_seconds": reasons_seconds,
        "matched": found.matched,
        "total": found.total,
        "certified_optimal": certified,
        "not_certified_because": why_not,
        "problems": problems(found, slots),
        "rss_before_mb": before,
        "peak_rss_mb": memory_mb("VmHWM"),
    }
    print(json.dumps(report), flush=True)


if __name__ == "__main__":
    main()
