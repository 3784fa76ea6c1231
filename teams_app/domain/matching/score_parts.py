"""A pair's score, part by part, in whole score units: the reference the vectorised code matches."""

from __future__ import annotations

from collections.abc import Callable

from teams_app.domain.matching.profile import MatchProfile
from teams_app.domain.matching.settings import MatchSettings
from teams_app.domain.matching.time_overlap import WORKDAY_MINUTES, shared_minutes

# Parts scored as "how much of what the mentee asked for the mentor covers".
SetOf = Callable[[MatchProfile], frozenset[str]]
COVERAGE_PARTS: tuple[tuple[str, SetOf], ...] = (
    ("goals", lambda p: p.goals),
    ("skills", lambda p: p.skills),
    ("topics", lambda p: p.topics),
    ("activities", lambda p: p.activities),
    ("diversity", lambda p: p.diversity),
)


def covered_points(points: int, wanted: frozenset[str], offered: frozenset[str]) -> int:
    """Points for covering `wanted`: each wanted item is worth points // len(wanted)."""
    if not wanted or points <= 0:
        return 0
    # Rounded down per item, so covering everything never exceeds the part's weight.
    return (points // len(wanted)) * len(wanted & offered)


def hours_points(points: int, minutes: int) -> int:
    """Points for `minutes` of shared working hours out of a full workday, rounded half up."""
    return (points * minutes + WORKDAY_MINUTES // 2) // WORKDAY_MINUTES


def network_points(points: int, mentee: MatchProfile, mentor_network: str | None) -> int:
    """Points when the mentor's job network is the same or different, as the mentee wished."""
    wish, own = mentee.job_network_wish, mentee.job_network
    if own is None or mentor_network is None or wish not in ("same", "different"):
        return 0
    same = own == mentor_network
    return points if same == (wish == "same") else 0


def score_parts(
    mentee: MatchProfile, mentor: MatchProfile, settings: MatchSettings
) -> dict[str, int]:
    """Each part's points for this pair (whole units; SCALE per unit of weight)."""
    points = settings.part_points()
    parts = {
        name: covered_points(points[name], of(mentee), of(mentor)) for name, of in COVERAGE_PARTS
    }
    preferred = mentee.preferred_language
    parts["language"] = points["language"] if preferred in mentor.languages else 0
    minutes = shared_minutes(mentee.time_zone, mentor.time_zone, settings.reference_day)
    parts["working_hours_overlap"] = hours_points(points["working_hours_overlap"], minutes)
    parts["job_network"] = network_points(points["job_network"], mentee, mentor.job_network)
    return parts


def pair_score(mentee: MatchProfile, mentor: MatchProfile, settings: MatchSettings) -> int:
    """The pair's whole score in score units, hard rules aside."""
    return sum(score_parts(mentee, mentor, settings).values())
