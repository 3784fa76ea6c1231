""" "My mentoring" in the tab: where a person stands, with the next step, and their pair.

The partner is shown by their public profile only (profile_of), so the tab can never show an
answer the programme keeps from the pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from teams_app.domain.applications import Application, ApplicationStatus
from teams_app.domain.follow_ups import pair_ends_at
from teams_app.domain.pairing import Pairing, PairingStatus, RequestStatus
from teams_app.domain.people import Person
from teams_app.domain.programme import Programme, Role
from teams_app.domain.questionnaire import Questionnaire
from teams_app.domain.retention import ENDED
from teams_app.domain.working_hours import zone_of
from teams_app.services.admin_access import Administrators
from teams_app.services.matching_views import ProfileLine
from teams_app.services.ports import Clock, Store
from teams_app.services.public_profiles import profile_of

NEXT_STEPS = {
    "not_registered": "Sign up as a mentee or a mentor in your chat with Tandem when "
    "registration is open.",
    "draft": "Finish your application in your chat with Tandem: type “sign up” to resume.",
    "registered": "Your application is in. You will hear from Tandem once the matching is "
    "published.",
    "suggestions_waiting": "Choose up to three of your suggested mentors in your chat with "
    "Tandem and send your request.",
    "request_pending": "A mentor request is waiting for an answer; Tandem tells you as soon "
    "as it is answered.",
    "paired": "Meet your partner: schedule a session and agree your goals in the Mentorship "
    "Agreement.",
    "ended": "Your mentoring has ended. Take a moment to reflect on what you achieved.",
}
PROGRAMME_OVER = (
    "Your programme has reached its end: answer the reflection and feedback survey below, "
    "and agree with your partner how you close your mentorship."
)
EDITION_ENDED = (
    "This edition of the programme has ended. Tandem tells you when registration opens again."
)
MENTOR_WAITING = (
    "A mentee asked you to be their mentor: answer the request in your chat with Tandem."
)


@dataclass(frozen=True)
class Standing:
    """Where a person stands in the programme."""

    role: Role | None
    stage: str
    next_step: str


@dataclass(frozen=True)
class PartnerView:
    """The partner as the pair may see them."""

    id: str
    name: str
    email: str
    languages: tuple[str, ...]
    duty_station: str | None
    time_zone: str | None
    local_time: str
    profile: tuple[ProfileLine, ...]


@dataclass(frozen=True)
class PairingTabView:
    """One of the person's pairings, with the partner."""

    pairing: Pairing
    my_role: Role
    partner: PartnerView


class MyMentoring:
    """Reads for the participant's tab; every read is of the caller's own data or pair."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        programme: Programme,
        questionnaire: Questionnaire,
        admins: Administrators,
    ) -> None:
        self._store = store
        self._clock = clock
        self.programme = programme
        self._questionnaire = questionnaire
        self._admins = admins

    async def is_admin(self, person: str) -> bool:
        """Whether `person` is an administrator: the same rule as the channel's."""
        return await self._admins.allowed(person)

    async def store_person(self, person: str) -> Person | None:
        """The person's record, if Tandem knows them."""
        return await self._store.get_person(person)

    def now(self) -> datetime:
        """The current time, by the clock."""
        return self._clock.now()

    async def standing(self, person: str) -> Standing:
        """The person's role and stage in the current edition, and what to do next."""
        pairings = await self._store.pairings_of(person)
        active = [p for p in pairings if p.status is PairingStatus.ACTIVE]
        if active:
            role = active[0].role_of(person)
            if self.now() >= pair_ends_at(self.programme, active[0]):
                return Standing(role, "ended", PROGRAMME_OVER)
            return Standing(role, "paired", NEXT_STEPS["paired"])
        cohort = await self._store.find_cohort(self.programme.id, self.programme.edition)
        if cohort is not None and cohort.status == ENDED:
            return Standing(None, "ended", NEXT_STEPS["ended"] if pairings else EDITION_ENDED)
        application = None
        if cohort is not None:
            application = await self._application(cohort.id, person)
        if application is None or application.status is ApplicationStatus.WITHDRAWN:
            stage = "ended" if pairings else "not_registered"
            return Standing(None, stage, NEXT_STEPS[stage])
        role = Role(application.role)
        if application.status is ApplicationStatus.DRAFT:
            return Standing(role, "draft", NEXT_STEPS["draft"])
        return await self._waiting(application, role)

    async def pairings(self, person: str) -> Sequence[Pairing]:
        """The person's pairings, active ones first, newest first."""
        found = await self._store.pairings_of(person)
        return sorted(found, key=lambda p: p.status is not PairingStatus.ACTIVE)

    async def pairing_of(self, person: str, pairing_id: int | None) -> Pairing | None:
        """The pairing named (if it is the person's), else their newest active, else newest."""
        found = await self.pairings(person)
        if pairing_id is not None:
            return next((p for p in found if p.id == pairing_id), None)
        return found[0] if found else None

    async def pairing_view(self, person: str, pairing: Pairing) -> PairingTabView:
        """The pairing as `person` sees it: their role and the partner's public profile."""
        role = pairing.role_of(person)
        if role is None:
            raise ValueError(f"{person} is not in pairing {pairing.id}")
        partner_id = pairing.mentor if role is Role.MENTEE else pairing.mentee
        partner_role = Role.MENTOR if role is Role.MENTEE else Role.MENTEE
        partner = await self._store.get_person(partner_id)
        application = await self._store.get_application(
            pairing.cohort_id, partner_id, partner_role.value
        )
        return PairingTabView(pairing, role, self._partner(partner_id, partner, application))

    def _partner(
        self, key: str, person: Person | None, application: Application | None
    ) -> PartnerView:
        profile = profile_of(self._questionnaire, person, application)
        languages = next(
            (line.value for line in profile.lines if line.question_id == "languages"), ""
        )
        zone = person.time_zone if person else None
        return PartnerView(
            id=key,
            name=profile.name,
            email=profile.email,
            languages=tuple(part for part in languages.split(", ") if part),
            duty_station=person.duty_station if person else None,
            time_zone=zone,
            local_time=_clock_time(self._clock.now(), zone),
            profile=profile.lines,
        )

    async def _application(self, cohort_id: int, person: str) -> Application | None:
        for role in (Role.MENTEE, Role.MENTOR):
            found = await self._store.get_application(cohort_id, person, role.value)
            if found is not None and found.status is not ApplicationStatus.WITHDRAWN:
                return found
        return None

    async def _waiting(self, application: Application, role: Role) -> Standing:
        cohort, person = application.cohort_id, application.person_aad_id
        pending = RequestStatus.PENDING
        if role is Role.MENTOR:
            if await self._store.list_requests(cohort, mentor=person, status=pending):
                return Standing(role, "request_pending", MENTOR_WAITING)
            return Standing(role, "registered", NEXT_STEPS["registered"])
        if await self._store.list_requests(cohort, mentee=person, status=pending):
            return Standing(role, "request_pending", NEXT_STEPS["request_pending"])
        suggestions = await self._store.get_suggestions(cohort, person)
        if suggestions is not None and suggestions.mentors and not suggestions.choices:
            return Standing(role, "suggestions_waiting", NEXT_STEPS["suggestions_waiting"])
        return Standing(role, "registered", NEXT_STEPS["registered"])


def _clock_time(now: datetime, zone: str | None) -> str:
    try:
        return now.astimezone(zone_of(zone or "UTC")).strftime("%H:%M")
    except ValueError:  # an HR record with an unknown zone: show UTC rather than nothing
        return now.strftime("%H:%M")
