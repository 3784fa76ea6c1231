"""The encoding the engine had before it worked per distinct answer: a reference to test against.

One pass per person and part, feature columns collected as (row, column, points) lists; kept
only so the vectorised encoding can be checked to build the very same matrices.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import NDArray

from teams_app.domain.matching.encoding import BARRED, F32
from teams_app.domain.matching.profile import MatchProfile
from teams_app.domain.matching.rule_arrays import I64, unit_key
from teams_app.domain.matching.score_parts import COVERAGE_PARTS, SetOf, hours_points
from teams_app.domain.matching.settings import MatchSettings
from teams_app.domain.matching.time_overlap import overlap_minutes, utc_offset_minutes


def language_masks(
    mentees: Sequence[MatchProfile], mentors: Sequence[MatchProfile]
) -> tuple[NDArray[np.uint64], NDArray[np.uint64]]:
    """Each person's languages as bits, over the languages both sides speak."""
    spoken = set().union(*(m.languages for m in mentees)) & set().union(
        *(m.languages for m in mentors)
    )
    bit = {language: k for k, language in enumerate(sorted(spoken))}
    words = max(1, -(-len(bit) // 64))

    def masks(people: Sequence[MatchProfile]) -> NDArray[np.uint64]:
        out = np.zeros((len(people), words), dtype=np.uint64)
        for i, person in enumerate(people):
            for language in person.languages:
                if language in bit:
                    k = bit[language]
                    out[i, k // 64] |= np.uint64(1) << np.uint64(k % 64)
        return out

    return masks(mentees), masks(mentors)


def unit_ids(mentees: Sequence[MatchProfile], mentors: Sequence[MatchProfile]) -> tuple[I64, I64]:
    """Units as numbers; a person without a unit matches nobody's."""
    ids: dict[tuple[str, str], int] = {}
    # No unit never equals anything: -1 for mentees, -2 for mentors.
    e = [ids.setdefault(k, len(ids)) if (k := unit_key(p)) else -1 for p in mentees]
    r = [ids.setdefault(k, len(ids)) if (k := unit_key(p)) else -2 for p in mentors]
    return np.array(e, dtype=np.int64), np.array(r, dtype=np.int64)


class _Features:
    """Feature columns and the points each mentee gets for each, collected before the arrays."""

    def __init__(self) -> None:
        self.count = 0
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.values: list[float] = []
        self.mentor_rows: list[int] = []
        self.mentor_cols: list[int] = []

    def columns(self, values: Iterable[str]) -> dict[str, int]:
        """New columns, one per value, in sorted order so encodings are reproducible."""
        found = {value: self.count + i for i, value in enumerate(sorted(set(values)))}
        self.count += len(found)
        return found

    def give(self, row: int, col: int, value: float) -> None:
        """Mentee `row` earns `value` from mentors having feature `col`."""
        self.rows.append(row)
        self.cols.append(col)
        self.values.append(value)

    def give_many(self, row: int, cols: list[int], values: list[float]) -> None:
        """Mentee `row` earns `values[k]` from mentors having feature `cols[k]`."""
        self.rows.extend([row] * len(cols))
        self.cols.extend(cols)
        self.values.extend(values)

    def has_many(self, mentor: int, cols: list[int]) -> None:
        """Mentor `mentor` has every feature of `cols`."""
        self.mentor_rows.extend([mentor] * len(cols))
        self.mentor_cols.extend(cols)

    def has(self, mentor: int, col: int) -> None:
        """Mentor `mentor` has feature `col`."""
        self.mentor_rows.append(mentor)
        self.mentor_cols.append(col)


def score_matrices(
    mentees: Sequence[MatchProfile], mentors: Sequence[MatchProfile], settings: MatchSettings
) -> tuple[F32, F32]:
    points = settings.part_points()
    f = _Features()
    for name, of in COVERAGE_PARTS:
        if points[name] > 0:
            _coverage(f, mentees, mentors, points[name], of)
    if points["language"] > 0:
        _preferred_language(f, mentees, mentors, points["language"])
    if points["job_network"] > 0:
        _job_network(f, mentees, mentors, points["job_network"])
    if points["working_hours_overlap"] > 0:
        _working_hours(f, mentees, mentors, points["working_hours_overlap"], settings)
    _entity_exclusions(f, mentees, mentors, settings)
    width = max(f.count, 1)
    matrix = np.zeros((len(mentees), width), dtype=np.float32)
    matrix[np.array(f.rows, dtype=np.int64), np.array(f.cols, dtype=np.int64)] = f.values
    features = np.zeros((width, len(mentors)), dtype=np.float32)
    features[np.array(f.mentor_cols, dtype=np.int64), np.array(f.mentor_rows, dtype=np.int64)] = 1
    return matrix, features


def _coverage(
    f: _Features,
    mentees: Sequence[MatchProfile],
    mentors: Sequence[MatchProfile],
    points: int,
    get: SetOf,
) -> None:
    offered = set().union(*(get(m) for m in mentors)) if mentors else set()
    wanted = set().union(*(get(m) for m in mentees)) if mentees else set()
    cols = f.columns(offered & wanted)
    # People share the same answers often: each distinct set is looked up once.
    given: dict[frozenset[str], tuple[list[int], list[float]]] = {}
    for i, mentee in enumerate(mentees):
        mine = get(mentee)
        if mine not in given:
            hit = [cols[value] for value in mine if value in cols]
            given[mine] = hit, [points // max(len(mine), 1)] * len(hit)
        f.give_many(i, *given[mine])
    held: dict[frozenset[str], list[int]] = {}
    for j, mentor in enumerate(mentors):
        theirs = get(mentor)
        if theirs not in held:
            held[theirs] = [cols[value] for value in theirs if value in cols]
        f.has_many(j, held[theirs])


def _preferred_language(
    f: _Features, mentees: Sequence[MatchProfile], mentors: Sequence[MatchProfile], points: int
) -> None:
    wanted = {m.preferred_language for m in mentees if m.preferred_language}
    cols = f.columns(wanted & set().union(*(m.languages for m in mentors)))
    for i, mentee in enumerate(mentees):
        if mentee.preferred_language in cols:
            f.give(i, cols[mentee.preferred_language], points)
    for j, mentor in enumerate(mentors):
        for language in mentor.languages:
            if language in cols:
                f.has(j, cols[language])


def _job_network(
    f: _Features, mentees: Sequence[MatchProfile], mentors: Sequence[MatchProfile], points: int
) -> None:
    networks = {m.job_network for m in mentors if m.job_network is not None}
    cols = f.columns(networks)
    known = f.columns(["known"])["known"]
    for i, mentee in enumerate(mentees):
        own, wish = mentee.job_network, mentee.job_network_wish
        if own is None or wish not in ("same", "different"):
            continue
        if wish == "different":
            # "different" = known network minus same network: linear in the mentor's columns.
            f.give(i, known, points)
        if own in cols:
            f.give(i, cols[own], points if wish == "same" else -points)
    for j, mentor in enumerate(mentors):
        if mentor.job_network is not None:
            f.has(j, cols[mentor.job_network])
            f.has(j, known)


def _working_hours(
    f: _Features,
    mentees: Sequence[MatchProfile],
    mentors: Sequence[MatchProfile],
    points: int,
    settings: MatchSettings,
) -> None:
    day = settings.reference_day
    mentor_offsets = [utc_offset_minutes(m.time_zone, day) for m in mentors]
    known = sorted({o for o in mentor_offsets if o is not None})
    cols = {offset: f.count + k for k, offset in enumerate(known)}
    f.count += len(known)
    # Per distinct offset pair, not per person: a few dozen offsets cover every zone.
    table: dict[int, tuple[list[int], list[float]]] = {}
    for i, mentee in enumerate(mentees):
        mine = utc_offset_minutes(mentee.time_zone, day)
        if mine is None:
            continue
        if mine not in table:
            earned = {b: hours_points(points, overlap_minutes(mine, b)) for b in known}
            table[mine] = (
                [cols[b] for b, x in earned.items() if x],
                [x for x in earned.values() if x],
            )
        f.give_many(i, *table[mine])
    for j, known_offset in enumerate(mentor_offsets):
        if known_offset is not None:
            f.has(j, cols[known_offset])


def _entity_exclusions(
    f: _Features, mentees: Sequence[MatchProfile], mentors: Sequence[MatchProfile], s: MatchSettings
) -> None:
    rules = s.rules
    if not rules.different_entity and not rules.entity_exclusions:
        return
    entities = {m.entity.casefold(): m.entity for m in mentors if m.entity}
    cols = f.columns(entities)
    barred: dict[str | None, list[int]] = {}
    for i, mentee in enumerate(mentees):
        own = mentee.entity.casefold() if mentee.entity else None
        if own not in barred:
            barred[own] = [
                cols[folded]
                for folded, entity in entities.items()
                if (rules.different_entity and own == folded)
                or any(rule.bars(mentee.entity, entity) for rule in rules.entity_exclusions)
            ]
        for col in barred[own]:
            f.give(i, col, BARRED)
    for j, mentor in enumerate(mentors):
        if mentor.entity:
            f.has(j, cols[mentor.entity.casefold()])
