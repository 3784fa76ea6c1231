"""What the matching engine knows of one participant: read from an application, nothing else."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MatchProfile:
    """One mentee or mentor as the engine sees them; `key` is the person's AAD object id.

    For a mentee, `goals` are the programme goals they want and `skills` those they want to
    develop; for a mentor, the goals they support and the skills they share. `capacity` is a
    mentor's *remaining* capacity (slots not yet taken by active pairings); mentees have 1.
    `diversity` holds confidential traits and is empty unless the person consented to their
    use in matching (`diversity_consent`).
    """

    key: str
    name: str
    years_in_organisation: float
    languages: frozenset[str]
    preferred_language: str | None = None
    goals: frozenset[str] = frozenset()
    skills: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    activities: frozenset[str] = frozenset()
    job_network: str | None = None
    job_network_wish: str | None = None  # mentees: "same", "different" or None (no preference)
    time_zone: str | None = None  # IANA zone of the duty station
    duty_station: str | None = None
    entity: str | None = None
    unit: str | None = None
    grade: str | None = None
    gender: str | None = None
    capacity: int = 1
    diversity: frozenset[str] = frozenset()
    diversity_consent: bool = False
