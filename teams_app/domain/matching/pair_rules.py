"""The hard rules on a pair, in words: why one pair is barred, why a mentee stayed unpaired."""

from __future__ import annotations

from collections.abc import Callable, Collection

import numpy as np
from numpy.typing import NDArray

from teams_app.domain.matching.encoding import BARRED, I64, Encoded
from teams_app.domain.matching.profile import MatchProfile
from teams_app.domain.matching.rule_arrays import unit_key
from teams_app.domain.matching.settings import MatchSettings

Bools = NDArray[np.bool_]
Known = tuple[Bools, Bools]  # per mentee row: an allowed pair known; one with a place left
_PLACES_TAKEN = "every suitable mentor's places are taken"
_NONE_OF_YOUR_ANSWERS = "the mentors who still have places match none of your answers"


def pair_problem(
    mentee: MatchProfile,
    mentor: MatchProfile,
    settings: MatchSettings,
    excluded_pairs: Collection[tuple[str, str]] = (),
) -> str | None:
    """Why `mentor` may not mentor `mentee`, told to the mentee; None if the pair is allowed."""
    gap, rules = settings.seniority_gap_years, settings.rules
    if mentee.key == mentor.key:
        return "this is you"
    if (mentee.key, mentor.key) in excluded_pairs:
        return "you were paired with this mentor before, or they declined"
    if mentor.capacity <= 0:
        return "this mentor has no place left"
    if rules.shared_language and not mentee.languages & mentor.languages:
        return "you share no language with this mentor"
    if not mentor.years_in_organisation >= mentee.years_in_organisation + gap:
        return f"this mentor does not have at least {gap} more years in the organisation than you"
    if (
        rules.different_unit
        and unit_key(mentee) is not None
        and unit_key(mentee) == unit_key(mentor)
    ):
        return "this mentor works in your unit"
    return _entity_problem(mentee, mentor, settings)


def _entity_problem(
    mentee: MatchProfile, mentor: MatchProfile, settings: MatchSettings
) -> str | None:
    rules = settings.rules
    mine, theirs = mentee.entity, mentor.entity
    if rules.different_entity and mine and theirs and mine.casefold() == theirs.casefold():
        return "this mentor works in your entity"
    if any(rule.bars(mine, theirs) for rule in rules.entity_exclusions):
        return f"mentors from {theirs} are not offered to mentees from {mine}"
    return None


# Each rule as (what a suitable mentor does, which mentors of the cohort do it for mentee i).
RuleCheck = Callable[[Encoded, int], Bools]


def _speaks(enc: Encoded, i: int) -> Bools:
    shared = (enc.mentor_languages & enc.mentee_languages[i][None, :]) != 0
    return np.asarray(shared.any(axis=1)) if enc.check_language else np.ones(len(enc.mentors), bool)


def _senior(enc: Encoded, i: int) -> Bools:
    senior: Bools = np.arange(len(enc.mentors)) >= enc.starts[i]
    return senior


def _other_unit(enc: Encoded, i: int) -> Bools:
    if not enc.check_unit:
        return np.ones(len(enc.mentors), dtype=np.bool_)
    return np.asarray(enc.mentor_units != enc.mentee_units[i])


def _entity_open(enc: Encoded, i: int) -> Bools:
    # Entity exclusions weigh BARRED; a "different job network" wish also gives a small
    # negative weight (to the mentee's own network), which bars nothing.
    barred = enc.points[i] <= BARRED / 2
    if not barred.any():
        return np.ones(len(enc.mentors), dtype=np.bool_)
    return np.asarray(~enc.features[barred].any(axis=0))


def _new_to_you(enc: Encoded, i: int) -> Bools:
    allowed = np.ones(len(enc.mentors), dtype=np.bool_)
    low, high = np.searchsorted(enc.barred_rows, [i, i + 1])
    allowed[enc.barred_cols[low:high]] = False
    return allowed


def unmatched_reason(enc: Encoded, i: int, settings: MatchSettings, places_left: Bools) -> str:
    """Why mentee row `i` stayed unpaired, naming the rule that binds."""
    gap = settings.seniority_gap_years
    checks: list[tuple[str, str, RuleCheck]] = [
        ("shares a language with you", "no mentor shares a language with you", _speaks),
        (
            f"has at least {gap} more years in the organisation than you",
            f"no mentor has at least {gap} more years in the organisation than you",
            _senior,
        ),
        ("works outside your unit", "every mentor works in your unit", _other_unit),
        (
            "comes from an entity open to yours",
            "no mentor comes from an entity open to mentees of yours",
            _entity_open,
        ),
        (
            "is new to you",
            "you were already paired with, or declined by, every mentor",
            _new_to_you,
        ),
    ]
    masks = [check(enc, i) for _, _, check in checks]
    for (_, alone, _), mask in zip(checks, masks, strict=True):
        if not mask.any():
            return alone
    suitable = np.ones(len(enc.mentors), dtype=np.bool_)
    passed: list[str] = []
    for (does, _, _), mask in zip(checks, masks, strict=True):
        if not (suitable & mask).any():
            return f"no mentor who {' and '.join(passed)} also {does}"
        suitable &= mask
        passed.append(does)
    if not (suitable & places_left).any():
        return _PLACES_TAKEN
    return _NONE_OF_YOUR_ANSWERS


def unmatched_reasons(
    enc: Encoded, rows: I64, settings: MatchSettings, places_left: Bools, known: Known
) -> list[str]:
    """`unmatched_reason` of each of `rows`, most without a look at every mentor.

    `known` holds, per mentee row, whether some allowed pair of it is known, and whether it
    has one with a mentor with places left (exactly: from a pass over those mentors). Either
    means a suitable mentor exists, so the reason is one of the last two; the other rows go
    through every rule.
    """
    some_pair, some_place = known
    out: list[str] = []
    for i in rows.tolist():
        if some_place[i]:
            out.append(_NONE_OF_YOUR_ANSWERS)
        elif some_pair[i]:
            out.append(_PLACES_TAKEN)
        else:
            out.append(unmatched_reason(enc, i, settings, places_left))
    return out
