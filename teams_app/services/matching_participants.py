"""The people of a cohort as the matching engine sees them, read from the store."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from teams_app.domain.applications import Application, Cohort
from teams_app.domain.matching import MatchProfile, profile_from_application
from teams_app.domain.pairing import PairingStatus
from teams_app.domain.people import Person
from teams_app.domain.programme import Programme, Role
from teams_app.services.ports import Store


@dataclass(frozen=True)
class Participants:
    """A cohort's submitted mentees and mentors, their people, and who is already paired.

    Mentor profiles carry their *remaining* capacity; mentees already paired as many times
    as the programme allows are left out of `mentees`.
    """

    cohort: Cohort
    mentees: tuple[MatchProfile, ...]
    mentors: tuple[MatchProfile, ...]
    applications: dict[tuple[str, Role], Application]
    people: dict[str, Person]
    capacity: dict[str, int]  # a mentor's total capacity, before active pairings
    excluded_pairs: frozenset[tuple[str, str]]

    def application(self, key: str, role: Role) -> Application | None:
        """The application of person `key` in `role`, if submitted."""
        return self.applications.get((key, role))

    def mentor(self, key: str) -> MatchProfile | None:
        """A mentor's profile (remaining capacity), if they take part."""
        return next((m for m in self.mentors if m.key == key), None)


async def load_participants(
    store: Store, programme: Programme, cohort: Cohort, today: date
) -> Participants:
    """Everyone who submitted an application to `cohort`, as matching profiles."""
    applications = await store.list_applications(cohort.id)
    by_role = {(a.person_aad_id, Role(a.role)): a for a in applications}
    applicants = {key for key, _ in by_role}
    # One read of the people table, not one query per application.
    people = {
        p.aad_object_id: p for p in await store.list_people() if p.aad_object_id in applicants
    }
    active = await store.pairings(cohort.id, status=PairingStatus.ACTIVE)
    taken: dict[str, int] = {}
    paired_mentees: dict[str, int] = {}
    for pairing in active:
        taken[pairing.mentor] = taken.get(pairing.mentor, 0) + 1
        paired_mentees[pairing.mentee] = paired_mentees.get(pairing.mentee, 0) + 1
    limit = programme.matching.max_active_mentors_per_mentee
    mentees, mentors, capacity = [], [], {}
    for (key, role), application in by_role.items():
        profile = profile_from_application(application, people.get(key), programme, today)
        if role is Role.MENTEE and paired_mentees.get(key, 0) < limit:
            mentees.append(profile)
        elif role is Role.MENTOR:
            capacity[key] = profile.capacity
            mentors.append(replace(profile, capacity=max(0, profile.capacity - taken.get(key, 0))))
    return Participants(
        cohort,
        tuple(mentees),
        tuple(mentors),
        by_role,
        people,
        capacity,
        await store.excluded_pairs(cohort.id),
    )
