"""`rank_mentors`: every mentor a mentee may choose, best first, for search mode."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from teams_app.domain.matching.pair_rules import pair_problem
from teams_app.domain.matching.profile import MatchProfile
from teams_app.domain.matching.reasons import reasons
from teams_app.domain.matching.results import MatchedPair
from teams_app.domain.matching.scoring import pair_scores
from teams_app.domain.matching.settings import SCALE, MatchSettings


def rank_mentors(
    mentee: MatchProfile,
    mentors: Sequence[MatchProfile],
    settings: MatchSettings,
    excluded_pairs: Collection[tuple[str, str]] = (),
) -> list[MatchedPair]:
    """Every eligible mentor with a place left, best score first (ties: by key), with reasons."""
    open_mentors = [m for m in mentors if m.capacity > 0]
    if not open_mentors:
        return []
    scores = pair_scores([mentee], open_mentors, settings, excluded_pairs)[0].tolist()
    ranked = sorted(
        (
            (-score, mentor.key, mentor)
            for score, mentor in zip(scores, open_mentors, strict=True)
            if score >= 0 and pair_problem(mentee, mentor, settings, excluded_pairs) is None
        ),
        key=lambda item: (item[0], item[1]),
    )
    return [
        MatchedPair(
            mentee.key, mentor.key, round(-negative / SCALE, 2), reasons(mentee, mentor, settings)
        )
        for negative, _, mentor in ranked
    ]
