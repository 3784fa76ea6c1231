"""The PyPI package mentor-match (UK Civil Service matcher, pure-Python Munkres) on our scores.

mentor-match scores each mentor × mentee `Match` with a list of rules and assigns one mentee per
mentor per round with munkres. We feed it one round on mentor *slots* (each mentor repeated
capacity times, as for dense LSA): a `Disqualify` rule for infeasible pairs and a custom rule
worth big-M + the engine's score, so it optimises the same objective as everyone else.
"""

from __future__ import annotations

import importlib
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np
from matching_baselines import Assignment
from matching_scores import IntArray, Scorer

PACKAGE = "mentor-match==7.0.1"


def mentor_match_status() -> str | None:
    """None when mentor-match and the munkres it was written for are installed, else why not."""
    try:
        found = version("mentor-match"), version("munkres")
    except PackageNotFoundError as error:
        return f"{PACKAGE} is not installed ({error}); `make bench` installs requirements-bench.txt"
    if found[0] != PACKAGE.split("==")[1] or not found[1].startswith("1."):
        return (
            f"mentor-match {found[0]} with munkres {found[1]}: requirements-bench.txt pins others"
        )
    return None


def _import_process_data() -> Any:
    # mentor-match's package is called `matching`, as is bench/matching.py: look past bench/.
    here = str(Path(__file__).resolve().parent)
    saved = sys.path[:]
    sys.path[:] = [p for p in sys.path if p not in ("", ".", here)]
    try:
        shadow = sys.modules.get("matching")
        if shadow is not None and not hasattr(shadow, "__path__"):
            del sys.modules["matching"]
        return importlib.import_module("matching.process")
    finally:
        sys.path[:] = saved


def mentor_match(scorer: Scorer, n_mentees: int, slots: IntArray) -> Assignment:
    """The assignment mentor-match's process_data finds with our scores as its only rule."""
    process = _import_process_data()
    mentee_class, mentor_class, rule = process.Mentee, process.Mentor, process.rl

    owner = np.repeat(np.arange(slots.size), slots)
    scores = scorer.block(np.arange(n_mentees), np.arange(slots.size))
    big_m = (int(scores.max(initial=0)) + 1) * min(n_mentees, owner.size) + 1
    mentees = [mentee_class(grade=0, email=f"mentee-{i}") for i in range(n_mentees)]
    mentors = [mentor_class(grade=0, email=f"slot-{k}") for k in range(owner.size)]
    index = {id(p): i for i, p in enumerate(mentees)} | {id(p): k for k, p in enumerate(mentors)}

    def score_of(match: Any) -> int:
        return int(scores[index[id(match.mentee)], owner[index[id(match.mentor)]]])

    class EngineScore:
        """Big-M for taking part plus the engine's score: mentor-match's RuleProtocol."""

        def apply(self, match_object: Any) -> int:
            return big_m + score_of(match_object)

        def evaluate(self, match_object: Any) -> bool:
            return True

    # Match pops its rules from the end: the disqualification runs first and stops scoring.
    rules = [EngineScore(), rule.Disqualify(lambda match: score_of(match) < 0)]
    process.process_data(mentors, mentees, [rules])
    pairs = [
        (index[id(mentee)], int(owner[index[id(slot)]]))
        for mentee in mentees
        for slot in mentee.mentors
    ]
    e = np.array([p[0] for p in pairs], dtype=np.int64)
    r = np.array([p[1] for p in pairs], dtype=np.int64)
    return Assignment(e, r, scores[e, r] if e.size else np.zeros(0, dtype=np.int64))
