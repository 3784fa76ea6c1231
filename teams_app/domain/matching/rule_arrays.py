"""The hard rules' inputs as arrays: languages as bits and 0/1 columns, units, barred pairs."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np
from numpy.typing import NDArray

from teams_app.domain.matching.profile import MatchProfile

F32 = NDArray[np.float32]
I64 = NDArray[np.int64]


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
        # People speak the same few sets of languages: each set's bits are worked out once.
        seen: dict[frozenset[str], int] = {}
        ids = np.array([seen.setdefault(p.languages, len(seen)) for p in people], np.int64)
        table = np.zeros((len(seen), words), dtype=np.uint64)
        for k, languages in enumerate(seen):
            for language in languages & bit.keys():
                table[k, bit[language] // 64] |= np.uint64(1) << np.uint64(bit[language] % 64)
        return table[ids] if len(people) else np.zeros((0, words), dtype=np.uint64)

    return masks(mentees), masks(mentors)


def spoken(e_masks: NDArray[np.uint64], r_masks: NDArray[np.uint64]) -> tuple[F32, F32]:
    """Language bit masks as 0/1 matrices (mentees × languages, languages × mentors)."""
    e_bits, r_bits = (np.unpackbits(m.view(np.uint8), axis=1) for m in (e_masks, r_masks))
    both = e_bits.any(axis=0) & r_bits.any(axis=0)
    mentee: F32 = e_bits[:, both].astype(np.float32)
    mentor: F32 = np.ascontiguousarray(r_bits[:, both].T, dtype=np.float32)
    return mentee, mentor


def unit_key(person: MatchProfile) -> tuple[str, str] | None:
    """The unit as a rule compares it: within the entity, spelling case ignored."""
    return _folded_unit(person.entity, person.unit)


def _folded_unit(entity: str | None, unit: str | None) -> tuple[str, str] | None:
    if not unit:
        return None
    return ((entity or "").casefold(), unit.casefold())


def unit_ids(mentees: Sequence[MatchProfile], mentors: Sequence[MatchProfile]) -> tuple[I64, I64]:
    """Units as numbers; a person without a unit matches nobody's."""
    ids: dict[tuple[str, str], int] = {}

    def numbers(people: Sequence[MatchProfile], none: int) -> I64:
        # Worked out once per distinct (entity, unit) as written, then looked up per person.
        written = [(p.entity, p.unit) for p in people]
        number = {
            pair: ids.setdefault(k, len(ids)) if (k := _folded_unit(*pair)) else none
            for pair in dict.fromkeys(written)
        }
        return np.fromiter(map(number.__getitem__, written), dtype=np.int64, count=len(written))

    # No unit never equals anything: -1 for mentees, -2 for mentors.
    return numbers(mentees, -1), numbers(mentors, -2)


def barred_pairs(
    mentees: Sequence[MatchProfile],
    mentors: Sequence[MatchProfile],
    excluded: Collection[tuple[str, str]],
) -> tuple[I64, I64]:
    """Self-pairs and excluded pairs as (rows, cols), sorted by row."""
    row = {p.key: i for i, p in enumerate(mentees)}
    col = {p.key: j for j, p in enumerate(mentors)}
    pairs = {(row[k], col[k]) for k in row.keys() & col.keys()}
    pairs |= {(row[e], col[r]) for e, r in excluded if e in row and r in col}
    ordered = sorted(pairs)
    rows = np.array([p[0] for p in ordered], dtype=np.int64)
    cols = np.array([p[1] for p in ordered], dtype=np.int64)
    return rows, cols
