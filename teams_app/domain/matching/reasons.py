"""Why a mentor suits a mentee, in words the mentee reads, best-scoring reason first."""

from __future__ import annotations

from collections.abc import Iterable

from teams_app.domain.matching.profile import MatchProfile
from teams_app.domain.matching.score_parts import score_parts
from teams_app.domain.matching.settings import MatchSettings
from teams_app.domain.matching.time_overlap import shared_minutes

_LISTED = 3  # labels named in one reason before "…"


def reasons(mentee: MatchProfile, mentor: MatchProfile, settings: MatchSettings) -> tuple[str, ...]:
    """The pair's reasons, the parts that count most first; empty if nothing scores."""
    parts = score_parts(mentee, mentor, settings)
    said: list[tuple[int, int, str]] = []
    for order, (part, points) in enumerate(parts.items()):
        if points > 0:
            text = _reason(part, mentee, mentor, settings)
            if text:
                said.append((-points, order, text))
    spoken = _shared_language(mentee, mentor, settings)
    if parts["language"] == 0 and spoken:
        said.append((0, len(parts), spoken))
    return tuple(text for _, _, text in sorted(said))


def _reason(part: str, mentee: MatchProfile, mentor: MatchProfile, s: MatchSettings) -> str:
    if part == "goals":
        return _covered("goals", mentee.goals, mentor.goals, s, "of your goals", "your goal")
    if part == "skills":
        return _covered(
            "skills", mentee.skills, mentor.skills, s, "of the skills you want to develop",
            "the skill you want to develop",
        )  # fmt: skip
    if part == "topics":
        shared = _labels("topics", mentee.topics & mentor.topics, s)
        return f"topics you both want to discuss: {shared}"
    if part == "activities":
        shared = _labels("activities", mentee.activities & mentor.activities, s)
        return f"activities you both enjoy: {shared}"
    if part == "language":
        return f"you both speak {s.label('languages', mentee.preferred_language or '')}"
    if part == "working_hours_overlap":
        minutes = shared_minutes(mentee.time_zone, mentor.time_zone, s.reference_day)
        return f"{_hours(minutes)} of shared working hours"
    if part == "job_network":
        if mentee.job_network_wish == "same":
            return f"same job network ({s.label('job_network', mentee.job_network or '')})"
        return "a different job network, as you asked"
    if part == "diversity":
        # Never says which trait: diversity answers are confidential.
        return "shares a background you asked us to consider"
    return ""


def _covered(
    vocabulary: str,
    wanted: frozenset[str],
    offered: frozenset[str],
    settings: MatchSettings,
    many: str,
    one: str,
) -> str:
    shared = wanted & offered
    if len(wanted) == 1:
        return f"{one}: {_labels(vocabulary, shared, settings)}"
    return f"{len(shared)} {many}: {_labels(vocabulary, shared, settings)}"


def _labels(vocabulary: str, ids: Iterable[str], settings: MatchSettings) -> str:
    labels = sorted(settings.label(vocabulary, choice) for choice in ids)
    shown = ", ".join(labels[:_LISTED])
    return shown + (", …" if len(labels) > _LISTED else "")


def _hours(minutes: int) -> str:
    hours = minutes / 60
    return f"{hours:.0f} h" if hours.is_integer() else f"{hours:.1f} h"


def _shared_language(mentee: MatchProfile, mentor: MatchProfile, settings: MatchSettings) -> str:
    shared = sorted(
        settings.label("languages", code) for code in mentee.languages & mentor.languages
    )
    if not shared:
        return ""
    return f"you both speak {' and '.join(shared[:2])}"
