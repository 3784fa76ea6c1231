"""A cohort as arrays: one score matrix product per block of mentees, plus cheap rule checks.

A pair's score is linear in the mentor's one-hot features: each mentee gets a row of points
per feature (goal, skill, language, time-zone offset, …) and the mentor a 0/1 column, so a
block of scores is one float32 matrix product. Every entry is a whole number below 2**24,
so float32 is exact. Entity exclusions enter the product as a huge negative weight.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from teams_app.domain.matching.profile import MatchProfile
from teams_app.domain.matching.rule_arrays import barred_pairs, language_masks, spoken, unit_ids
from teams_app.domain.matching.score_parts import COVERAGE_PARTS, SetOf, hours_points
from teams_app.domain.matching.settings import MatchSettings
from teams_app.domain.matching.time_overlap import overlap_minutes, utc_offset_minutes

F32 = NDArray[np.float32]
I64 = NDArray[np.int64]
BARRED = -(2.0**40)  # an entity exclusion's weight: swamps any score, still exact for others


@dataclass(frozen=True)
class Encoded:
    """A cohort in canonical order (mentees by key, mentors by years then key), as arrays."""

    mentees: tuple[MatchProfile, ...]
    mentors: tuple[MatchProfile, ...]
    points: F32  # mentees × features
    features: F32  # features × mentors (the mentors' one-hot columns, transposed)
    mentor_points: F32  # mentors × features: `features` transposed, rows contiguous
    starts: I64  # first mentor (by years) senior enough for each mentee
    mentee_languages: NDArray[np.uint64]  # mentees × words
    mentor_languages: NDArray[np.uint64]
    mentee_spoken: F32  # mentees × languages, 0/1: a product counts shared languages
    mentor_spoken: F32  # languages × mentors, 0/1
    mentee_units: I64
    mentor_units: I64
    barred_rows: I64  # self-pairs and excluded pairs, sorted by row
    barred_cols: I64
    capacity: I64
    check_language: bool
    check_unit: bool


def encode(
    mentees: Sequence[MatchProfile],
    mentors: Sequence[MatchProfile],
    settings: MatchSettings,
    excluded_pairs: Collection[tuple[str, str]] = (),
) -> Encoded:
    """Arrays for scoring every pair of the cohort; inputs are only read."""
    ordered_e = tuple(sorted(mentees, key=lambda p: p.key))
    ordered_r = tuple(sorted(mentors, key=lambda p: (p.years_in_organisation, p.key)))
    _refuse_duplicates(ordered_e, "mentee")
    _refuse_duplicates(ordered_r, "mentor")
    points, features = _score_matrices(ordered_e, ordered_r, settings)
    years = np.array([p.years_in_organisation for p in ordered_r], dtype=np.float64)
    need = np.array([p.years_in_organisation for p in ordered_e], dtype=np.float64)
    need += settings.seniority_gap_years
    e_lang, r_lang = language_masks(ordered_e, ordered_r)
    e_unit, r_unit = unit_ids(ordered_e, ordered_r)
    e_spoken, r_spoken = spoken(e_lang, r_lang)
    rows, cols = barred_pairs(ordered_e, ordered_r, excluded_pairs)
    return Encoded(
        mentees=ordered_e,
        mentors=ordered_r,
        points=points,
        features=features,
        mentor_points=np.ascontiguousarray(features.T),
        starts=np.searchsorted(years, need, side="left").astype(np.int64),
        mentee_languages=e_lang,
        mentor_languages=r_lang,
        mentee_spoken=e_spoken,
        mentor_spoken=r_spoken,
        mentee_units=e_unit,
        mentor_units=r_unit,
        barred_rows=rows,
        barred_cols=cols,
        capacity=np.array([max(0, p.capacity) for p in ordered_r], dtype=np.int64),
        check_language=settings.rules.shared_language,
        check_unit=settings.rules.different_unit,
    )


def _refuse_duplicates(people: Sequence[MatchProfile], role: str) -> None:
    keys = [p.key for p in people]
    for before, after in itertools.pairwise(keys):
        if before == after:
            raise ValueError(f"{role} {after!r} is listed twice")


@dataclass(frozen=True)
class _Part:
    """One part's feature columns: each distinct answer's row of points (mentees) or 0/1
    columns (mentors), and which distinct answer each person gave."""

    mentee_ids: I64
    mentee_table: F32  # distinct mentee answers × the part's columns
    mentor_ids: I64
    mentor_table: F32  # distinct mentor answers × the part's columns


def _distinct(values: Iterable[Hashable]) -> tuple[I64, list[Any]]:
    """Each value's number among the distinct values (in order of first sight), and those."""
    every = list(values)
    distinct = list(dict.fromkeys(every))
    number = {value: k for k, value in enumerate(distinct)}
    ids = np.fromiter(map(number.__getitem__, every), dtype=np.int64, count=len(every))
    return ids, distinct


def _part(
    mentee_answers: tuple[I64, list[Any]],
    mentor_answers: tuple[I64, list[Any]],
    width: int,
    earns: Callable[[Any], dict[int, float]],
    has: Callable[[Any], Iterable[int]],
) -> _Part:
    """A part from each side's distinct answers: a mentee answer `earns` points per column,
    a mentor answer `has` columns; each worked out once, however many gave it."""
    (e_ids, e_values), (r_ids, r_values) = mentee_answers, mentor_answers
    # Entries gathered in lists and written at once: one numpy assignment per entry costs
    # more than working the entries out.
    at: list[tuple[int, int]] = []
    points: list[float] = []
    for k, value in enumerate(e_values):
        for col, earned in earns(value).items():
            at.append((k, col))
            points.append(earned)
    e_table = np.zeros((len(e_values), width), dtype=np.float32)
    if at:
        rows, cols = zip(*at, strict=True)
        e_table[list(rows), list(cols)] = points
    r_at = [(k, col) for k, value in enumerate(r_values) for col in has(value)]
    r_table = np.zeros((len(r_values), width), dtype=np.float32)
    if r_at:
        rows, cols = zip(*r_at, strict=True)
        r_table[list(rows), list(cols)] = 1
    return _Part(e_ids, e_table, r_ids, r_table)


def _score_matrices(
    mentees: Sequence[MatchProfile], mentors: Sequence[MatchProfile], settings: MatchSettings
) -> tuple[F32, F32]:
    points = settings.part_points()
    parts = [
        _coverage(mentees, mentors, points[name], of)
        for name, of in COVERAGE_PARTS
        if points[name] > 0
    ]
    if points["language"] > 0:
        parts.append(_preferred_language(mentees, mentors, points["language"]))
    if points["job_network"] > 0:
        parts.append(_job_network(mentees, mentors, points["job_network"]))
    if points["working_hours_overlap"] > 0:
        parts.append(_working_hours(mentees, mentors, points["working_hours_overlap"], settings))
    if settings.rules.different_entity or settings.rules.entity_exclusions:
        parts.append(_entity_exclusions(mentees, mentors, settings))
    widths = [p.mentee_table.shape[1] for p in parts]
    edges = np.cumsum([0, *widths]).tolist()
    matrix = np.zeros((len(mentees), max(edges[-1], 1)), dtype=np.float32)
    features = np.zeros((max(edges[-1], 1), len(mentors)), dtype=np.float32)
    for part, low, high in zip(parts, edges, edges[1:], strict=False):
        matrix[:, low:high] = part.mentee_table[part.mentee_ids]
        features[low:high] = part.mentor_table[part.mentor_ids].T
    return matrix, features


def _coverage(
    mentees: Sequence[MatchProfile], mentors: Sequence[MatchProfile], points: int, get: SetOf
) -> _Part:
    wanted, offered = _distinct(map(get, mentees)), _distinct(map(get, mentors))
    values = sorted(set().union(*wanted[1]) & set().union(*offered[1]))
    cols = {value: k for k, value in enumerate(values)}

    def earns(mine: frozenset[str]) -> dict[int, float]:
        return {cols[value]: points // len(mine) for value in mine if value in cols}

    return _part(wanted, offered, len(cols), earns, lambda theirs: _known(theirs, cols))


def _known(values: Iterable[str], cols: dict[str, int]) -> list[int]:
    return [cols[value] for value in values if value in cols]


def _preferred_language(
    mentees: Sequence[MatchProfile], mentors: Sequence[MatchProfile], points: int
) -> _Part:
    wanted = _distinct(m.preferred_language for m in mentees)
    spoken = _distinct(m.languages for m in mentors)
    values = sorted({w for w in wanted[1] if w} & set().union(*spoken[1]))
    cols = {value: k for k, value in enumerate(values)}

    def earns(preferred: str | None) -> dict[int, float]:
        return {cols[preferred]: points} if preferred in cols else {}

    return _part(wanted, spoken, len(cols), earns, lambda theirs: _known(theirs, cols))


def _job_network(
    mentees: Sequence[MatchProfile], mentors: Sequence[MatchProfile], points: int
) -> _Part:
    networks = _distinct(m.job_network for m in mentors)
    cols = {n: k for k, n in enumerate(sorted(n for n in networks[1] if n is not None))}
    known = len(cols)

    def earns(answer: tuple[str | None, str | None]) -> dict[int, float]:
        own, wish = answer
        if own is None or wish not in ("same", "different"):
            return {}
        # "different" = known network minus same network: linear in the mentor's columns.
        out = {known: float(points)} if wish == "different" else {}
        if own in cols:
            out[cols[own]] = points if wish == "same" else -points
        return out

    def has(network: str | None) -> list[int]:
        return [] if network is None else [cols[network], known]

    wishes = _distinct((m.job_network, m.job_network_wish) for m in mentees)
    return _part(wishes, networks, known + 1, earns, has)


def _working_hours(
    mentees: Sequence[MatchProfile],
    mentors: Sequence[MatchProfile],
    points: int,
    settings: MatchSettings,
) -> _Part:
    day = settings.reference_day
    e_zones, r_zones = (
        _distinct(m.time_zone for m in mentees),
        _distinct(m.time_zone for m in mentors),
    )
    r_offsets = [utc_offset_minutes(zone, day) for zone in r_zones[1]]
    cols = {o: k for k, o in enumerate(sorted({o for o in r_offsets if o is not None}))}

    def earns(zone: str | None) -> dict[int, float]:
        mine = utc_offset_minutes(zone, day)
        if mine is None:
            return {}
        earned = {cols[b]: hours_points(points, overlap_minutes(mine, b)) for b in cols}
        return {col: x for col, x in earned.items() if x}

    def has(zone: str | None) -> list[int]:
        offset = utc_offset_minutes(zone, day)
        return [] if offset is None else [cols[offset]]

    return _part(e_zones, r_zones, len(cols), earns, has)


def _entity_exclusions(
    mentees: Sequence[MatchProfile], mentors: Sequence[MatchProfile], s: MatchSettings
) -> _Part:
    rules = s.rules
    entities = {m.entity.casefold(): m.entity for m in mentors if m.entity}
    cols = {folded: k for k, folded in enumerate(sorted(entities))}

    def earns(entity: str | None) -> dict[int, float]:
        own = entity.casefold() if entity else None
        return {
            cols[folded]: BARRED
            for folded, theirs in entities.items()
            if (rules.different_entity and own == folded)
            or any(rule.bars(entity, theirs) for rule in rules.entity_exclusions)
        }

    def has(entity: str | None) -> list[int]:
        return [cols[entity.casefold()]] if entity else []

    e_entities, r_entities = (
        _distinct(m.entity for m in mentees),
        _distinct(m.entity for m in mentors),
    )
    return _part(e_entities, r_entities, len(cols), earns, has)
