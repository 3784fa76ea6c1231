"""Each mentee's suggestions: their optimal mentor first, then mentors with places left."""

from __future__ import annotations

import numpy as np

from teams_app.domain.matching.encoding import I64, Encoded
from teams_app.domain.matching.passes import Found
from teams_app.domain.matching.settings import MatchSettings

Options = list[tuple[int, int]]  # (mentor column, whole score), best first


def suggestion_columns(
    enc: Encoded, settings: MatchSettings, assignment: tuple[I64, I64], spare: Found
) -> list[Options]:
    """Per mentee row, up to `settings.suggestions` mentors to offer; `assignment` is each
    row's mentor column (-1 if unpaired) and the pair's whole score.

    No mentor is anyone's first suggestion more often than their capacity: paired mentees
    come first with their own mentor; an unpaired mentee is offered first only a mentor
    with a place nobody else was offered first.
    """
    wanted = max(1, settings.suggestions)
    mentor_of, own_score = assignment
    alternatives = _alternatives(spare)
    load = np.bincount(mentor_of[mentor_of >= 0], minlength=len(enc.mentors))
    free_first = (enc.capacity - load).tolist()
    columns: list[Options] = []
    for row, (own, score) in enumerate(zip(mentor_of.tolist(), own_score.tolist(), strict=True)):
        others = alternatives.get(row, [])
        if own >= 0:
            options = [(own, score), *others]
        else:
            first = next((k for k, (col, _) in enumerate(others) if free_first[col] > 0), None)
            if first is None:
                options = []
            else:
                free_first[others[first][0]] -= 1
                options = [others[first], *others[:first], *others[first + 1 :]]
        columns.append(options[:wanted])
    return columns


def _alternatives(spare: Found) -> dict[int, Options]:
    """Spare mentors per row, best score first, ties broken by column (years, then key)."""
    order = np.lexsort((spare.cols, -spare.scores, spare.rows))
    found: dict[int, Options] = {}
    rows = spare.rows[order].tolist()
    cols = spare.cols[order].tolist()
    scores = spare.scores[order].tolist()
    for row, col, score in zip(rows, cols, scores, strict=True):
        found.setdefault(row, []).append((col, score))
    return found
