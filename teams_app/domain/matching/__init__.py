"""The matching engine: hard rules, explainable scores, an exact and certified assignment.

Pure and deterministic: no I/O, inputs never mutated, results independent of input order.
"""

from teams_app.domain.matching.encoding import Encoded, encode
from teams_app.domain.matching.engine import Progress, match_cohort
from teams_app.domain.matching.from_application import mentor_capacity, profile_from_application
from teams_app.domain.matching.pair_rules import pair_problem
from teams_app.domain.matching.profile import MatchProfile
from teams_app.domain.matching.reasons import reasons
from teams_app.domain.matching.results import MatchedPair, MatchResult, Unmatched
from teams_app.domain.matching.score_parts import pair_score, score_parts
from teams_app.domain.matching.scoring import INFEASIBLE, pair_scores
from teams_app.domain.matching.search import rank_mentors
from teams_app.domain.matching.settings import SCALE, MatchSettings, settings_for

__all__ = [
    "INFEASIBLE",
    "SCALE",
    "Encoded",
    "MatchProfile",
    "MatchResult",
    "MatchSettings",
    "MatchedPair",
    "Progress",
    "Unmatched",
    "encode",
    "match_cohort",
    "mentor_capacity",
    "pair_problem",
    "pair_score",
    "pair_scores",
    "profile_from_application",
    "rank_mentors",
    "reasons",
    "score_parts",
    "settings_for",
]
