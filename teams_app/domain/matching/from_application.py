"""`profile_from_application`: what the matching reads of an application and its person."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from teams_app.domain.applications import Application
from teams_app.domain.matching.profile import MatchProfile
from teams_app.domain.people import Person
from teams_app.domain.programme import Programme

DAYS_PER_YEAR = 365.25
CONSENT = "diversity_consent"
_WISHES = ("same", "different")


def profile_from_application(
    application: Application, person: Person | None, programme: Programme, today: date
) -> MatchProfile:
    """The matching profile of one application; HR data fills answers left blank.

    Answers are stored as card values ("a,b" for several choices, "true", ISO dates, digits)
    or as typed values; both read the same.
    """
    answers: Mapping[str, Any] = application.answers
    mentor = application.role == "mentor"
    entry = _day(answers.get("entry_date")) or (person.entry_date if person else None)
    years = max(0.0, (today - entry).days / DAYS_PER_YEAR) if entry else 0.0
    wish = _text(answers.get("job_network_wish"))
    capacity = mentor_capacity(answers, programme) if mentor else 1
    consent = _flag(application.confidential.get(CONSENT))
    return MatchProfile(
        key=application.person_aad_id,
        name=person.name if person else application.person_aad_id,
        years_in_organisation=years,
        languages=_choices(answers.get("languages")),
        preferred_language=_text(answers.get("preferred_language")),
        goals=_choices(answers.get("goals_supported" if mentor else "goals")),
        skills=_choices(answers.get("skills_to_share" if mentor else "skills_to_develop")),
        topics=_choices(answers.get("topics")),
        activities=_choices(answers.get("activities")),
        job_network=_text(answers.get("job_network")) or _hr(person, "job_network"),
        job_network_wish=None if mentor or wish not in _WISHES else wish,
        time_zone=_text(answers.get("time_zone")) or _hr(person, "time_zone"),
        duty_station=_text(answers.get("duty_station")) or _hr(person, "duty_station"),
        entity=_text(answers.get("entity")) or _hr(person, "entity"),
        unit=_text(answers.get("unit")) or _hr(person, "unit"),
        grade=_text(answers.get("grade")) or _hr(person, "grade"),
        gender=_text(answers.get("gender")),
        capacity=capacity,
        diversity=_diversity(application.confidential) if consent else frozenset(),
        diversity_consent=consent,
    )


def mentor_capacity(answers: Mapping[str, Any], programme: Programme) -> int:
    """How many mentees a mentor offers to take: their answer (default 1) within the preset."""
    most = programme.matching.max_mentor_capacity
    return min(max(_whole(answers.get("capacity"), 1), 1), most)


def _text(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _hr(person: Person | None, field: str) -> str | None:
    value = getattr(person, field, None) if person else None
    return value if isinstance(value, str) and value else None


def _choices(value: object) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list | tuple | set | frozenset):
        return frozenset(str(part).strip() for part in value if str(part).strip())
    return frozenset()


def _day(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _whole(value: object, default: int) -> int:
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return default


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().casefold() == "true"


def _diversity(confidential: Mapping[str, Any]) -> frozenset[str]:
    """The diversity questions answered "yes": only their ids, never shown to anyone."""
    return frozenset(
        key
        for key, value in confidential.items()
        if key.startswith("diversity_") and key != CONSENT and _text(value) == "yes"
    )
