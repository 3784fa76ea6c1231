"""The pair scores every method in the matching benchmark shares, a block of pairs at a time.

The scores are the engine's own: `engine_scorer` wraps `teams_app.domain.matching.pair_scores`
when the engine exposes it. Until then (or with `--placeholder-scores`) `PlaceholderScorer`
stands in: the same shape of rules (language, seniority gap, same-unit bar) and weights, so the
baselines can be built and tested before the engine lands. A block is an int64 matrix, mentees
by mentors, with INFEASIBLE (-1) where the pair may not be formed.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from types import ModuleType
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from teams_app.domain.matching.profile import MatchProfile
from teams_app.domain.programme import Programme
from teams_app.presets import load_programme

IntArray = npt.NDArray[np.int64]
INFEASIBLE = -1
# Capacities run 1–3 in the synthetic cohorts; Together itself allows 1.
BENCH_CAPACITY = 3
_OFFSET_DAY = datetime(2026, 11, 1, 12)  # mid-programme, when most meetings happen


class Scorer(Protocol):
    """Integer scores for blocks of candidate pairs (INFEASIBLE where a pair is barred)."""

    name: str

    def block(self, mentees: IntArray, mentors: IntArray) -> IntArray:
        """Scores of mentees[i] with mentors[j], shape (len(mentees), len(mentors))."""
        ...


def bench_programme() -> Programme:
    """Together, with mentors allowed up to three mentees so capacities matter."""
    together = load_programme("together")
    matching = replace(together.matching, max_mentor_capacity=BENCH_CAPACITY)
    return replace(together, matching=matching)


def slots_of(mentors: Sequence[MatchProfile], programme: Programme) -> IntArray:
    """Each mentor's usable capacity under the programme's cap."""
    cap = programme.matching.max_mentor_capacity
    return np.array([min(m.capacity, cap) for m in mentors], dtype=np.int64)


def _masks(sets: Sequence[frozenset[str]]) -> IntArray:
    vocabulary = sorted({item for items in sets for item in items})
    bit = {item: 1 << i for i, item in enumerate(vocabulary)}
    if len(vocabulary) > 62:
        raise ValueError("more than 62 choices do not fit a bit mask")
    return np.array([sum(bit[item] for item in items) for items in sets], dtype=np.int64)


@dataclass(frozen=True)
class _Encoded:
    goals: IntArray
    skills: IntArray
    topics: IntArray
    activities: IntArray
    languages: IntArray
    preferred: IntArray
    years: npt.NDArray[np.float64]
    unit: IntArray
    network: IntArray
    wish: IntArray  # 0 none, 1 same, 2 different
    offset_hours: npt.NDArray[np.float64]


def _encode(people: Sequence[MatchProfile], codes: dict[str | None, int]) -> _Encoded:
    def code(value: str | None) -> int:
        return codes.setdefault(value, len(codes))

    zones = {p.time_zone for p in people}
    offsets = {z: _offset(z) for z in zones}
    return _Encoded(
        goals=_masks([p.goals for p in people]),
        skills=_masks([p.skills for p in people]),
        topics=_masks([p.topics for p in people]),
        activities=_masks([p.activities for p in people]),
        languages=_masks([p.languages for p in people]),
        preferred=np.array([code(p.preferred_language) for p in people], dtype=np.int64),
        years=np.array([p.years_in_organisation for p in people]),
        unit=np.array([code(p.unit) for p in people], dtype=np.int64),
        network=np.array([code(p.job_network) for p in people], dtype=np.int64),
        wish=np.array(
            [{"same": 1, "different": 2}.get(p.job_network_wish or "", 0) for p in people]
        ),
        offset_hours=np.array([offsets[p.time_zone] for p in people]),
    )


def _offset(zone: str | None) -> float:
    if zone is None:
        return 0.0
    delta = _OFFSET_DAY.replace(tzinfo=ZoneInfo(zone)).utcoffset()
    return 0.0 if delta is None else delta.total_seconds() / 3600


class PlaceholderScorer:
    """Stand-in scores shaped like Together's rules and weights, vectorised with bit masks."""

    name = "placeholder"

    def __init__(
        self, mentees: Sequence[MatchProfile], mentors: Sequence[MatchProfile], programme: Programme
    ) -> None:
        # One code book for both sides, so a mentee's choice and a mentor's compare equal;
        # set masks need one vocabulary too, hence encoding both lists together.
        codes: dict[str | None, int] = {None: 0}
        both = _encode([*mentees, *mentors], codes)
        cut = len(mentees)
        self.e = {k: v[:cut] for k, v in vars(both).items()}
        self.r = {k: v[cut:] for k, v in vars(both).items()}
        self.none = 0
        self.gap = float(programme.matching.seniority_gap_years)
        self.w = {k: round(v) for k, v in programme.matching.weights.as_dict().items()}

    def block(self, mentees: IntArray, mentors: IntArray) -> IntArray:
        """Scores of mentees[i] with mentors[j]; INFEASIBLE where barred."""
        e = {k: v[mentees][:, None] for k, v in self.e.items()}
        r = {k: v[mentors][None, :] for k, v in self.r.items()}
        w = self.w

        def overlap(part: str) -> IntArray:
            counted: IntArray = np.bitwise_count(e[part] & r[part]).astype(np.int64)
            return counted

        score = w["goals"] * overlap("goals") + w["skills"] * overlap("skills")
        score += w["topics"] * overlap("topics") + w["activities"] * overlap("activities")
        same_preferred = (e["preferred"] == r["preferred"]) & (e["preferred"] != self.none)
        score += w["language"] * same_preferred
        same_network = e["network"] == r["network"]
        wish_met = ((e["wish"] == 1) & same_network) | ((e["wish"] == 2) & ~same_network)
        score += w["job_network"] * wish_met
        score += w["working_hours_overlap"] * (np.abs(e["offset_hours"] - r["offset_hours"]) <= 3)
        feasible = (e["languages"] & r["languages"]) != 0
        feasible &= r["years"] >= e["years"] + self.gap
        feasible &= (e["unit"] != r["unit"]) | (e["unit"] == self.none)
        result: IntArray = np.where(feasible, score, INFEASIBLE)
        return result


class EngineScorer:
    """The engine's own pair scores, through `teams_app.domain.matching.pair_scores`."""

    name = "engine"

    def __init__(
        self, mentees: Sequence[MatchProfile], mentors: Sequence[MatchProfile], settings: Any
    ) -> None:
        self.function = engine_module().pair_scores
        self.mentees, self.mentors, self.settings = list(mentees), list(mentors), settings
        self.wants_settings = len(inspect.signature(self.function).parameters) >= 3

    def block(self, mentees: IntArray, mentors: IntArray) -> IntArray:
        """Scores of mentees[i] with mentors[j]; INFEASIBLE where barred."""
        # The engine refuses a person listed twice: score each once, then spread.
        rows, row_at = np.unique(mentees, return_inverse=True)
        cols, col_at = np.unique(mentors, return_inverse=True)
        left = [self.mentees[i] for i in rows.tolist()]
        right = [self.mentors[j] for j in cols.tolist()]
        args = (left, right, self.settings) if self.wants_settings else (left, right)
        scores = to_block(self.function(*args))
        spread: IntArray = scores[np.ix_(row_at, col_at)]
        return spread


def to_block(raw: Any) -> IntArray:
    """The engine's answer as one int64 matrix: (scores, feasible) pairs or masked scores."""
    if isinstance(raw, tuple) and len(raw) == 2:
        scores, feasible = (np.asarray(part) for part in raw)
        result: IntArray = np.where(feasible, scores, INFEASIBLE).astype(np.int64)
        return result
    array = np.asarray(raw)
    if np.ma.isMaskedArray(raw):
        filled: IntArray = np.ma.filled(raw.astype(np.int64), INFEASIBLE)
        return filled
    plain: IntArray = np.where(array < 0, INFEASIBLE, array).astype(np.int64)
    return plain


def engine_module() -> ModuleType:
    """teams_app.domain.matching, looked up at run time: the engine is still being written."""
    return importlib.import_module("teams_app.domain.matching")


def engine_available() -> bool:
    """Whether the engine exposes match_cohort, settings_for and pair_scores."""
    try:
        engine = engine_module()
    except ImportError:
        return False
    return all(hasattr(engine, n) for n in ("match_cohort", "settings_for", "pair_scores"))


def scorer_for(
    mentees: Sequence[MatchProfile],
    mentors: Sequence[MatchProfile],
    programme: Programme,
    placeholder: bool = False,
) -> Scorer:
    """The engine's scores when it is there (and not overridden), the placeholder's otherwise."""
    if placeholder or not engine_available():
        return PlaceholderScorer(mentees, mentors, programme)
    return EngineScorer(mentees, mentors, engine_module().settings_for(programme))
