"""A small submitted cohort in a real store, and a Notifier fake that keeps what it was sent."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date

from teams_app.domain.applications import Application, ApplicationStatus, Cohort
from teams_app.domain.people import Person
from teams_app.domain.programme import Programme
from teams_app.services.ports import Store

MENTOR_BASE = {
    "entity": "UNDP",
    "duty_station": "Geneva",
    "time_zone": "Europe/Zurich",
    "job_network": "economic_social_development",
    "grade": "P-5",
    "entry_date": "2005-03-01",
    "languages": "en,fr",
    "preferred_language": "en",
    "goals_supported": "career_paths,leadership",
    "skills_to_share": "negotiation,communication",
    "experience_to_share": "Twenty years across field and headquarters posts.",
    "topics": "career_development",
    "activities": "role_play",
    "capacity": "1",
}
MENTEE_BASE = {
    "entity": "UNICEF",
    "duty_station": "Nairobi",
    "time_zone": "Africa/Nairobi",
    "job_network": "economic_social_development",
    "grade": "P-2",
    "entry_date": "2021-06-01",
    "languages": "en",
    "preferred_language": "en",
    "goals": "career_paths",
    "personal_objective": "I want to prepare for a first management role in the field.",
    "skills_to_develop": "negotiation",
    "topics": "career_development",
    "activities": "role_play",
}


@dataclass
class Sent:
    """One card a person received (or one in-place update of it)."""

    person: str
    view: object
    activity_id: str
    refreshed: bool = False


@dataclass
class RecordingNotifier:
    """The Notifier port as a hand-written fake: every view kept, in order."""

    sent: list[Sent] = field(default_factory=list)
    unreachable: set[str] = field(default_factory=set)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def notify(self, person_aad_id: str, view: object) -> str | None:
        """Record the view; a fresh activity id, None for unreachable people."""
        if person_aad_id in self.unreachable:
            return None
        activity = f"activity-{next(self._ids)}"
        self.sent.append(Sent(person_aad_id, view, activity))
        return activity

    async def deliver(self, person_aad_id: str, view: object) -> str | None:
        """As notify: this fake never fails for a while."""
        return await self.notify(person_aad_id, view)

    async def refresh(self, person_aad_id: str, activity_id: str, view: object) -> None:
        """Record the in-place update."""
        self.sent.append(Sent(person_aad_id, view, activity_id, refreshed=True))

    def views_of(self, person: str, kind: type) -> list[object]:
        """What `person` received of one view type, oldest first."""
        return [s.view for s in self.sent if s.person == person and isinstance(s.view, kind)]


async def add_applicant(
    store: Store,
    cohort: Cohort,
    key: str,
    role: str,
    answers: dict[str, str] | None = None,
    name: str | None = None,
) -> Application:
    """A person with a submitted application; `answers` override the role's defaults."""
    base = MENTOR_BASE if role == "mentor" else MENTEE_BASE
    person = Person(key, f"{key}@un.org", name or key.replace("-", " ").title())
    await store.upsert_person(person)
    application = Application(
        cohort.id,
        key,
        role,
        status=ApplicationStatus.SUBMITTED,
        answers={**base, **(answers or {})},
        step="summary",
    )
    saved = await store.save_application(application)
    return saved


async def cohort_of(store: Store, programme: Programme) -> Cohort:
    """The programme's current cohort."""
    return await store.ensure_cohort(programme.id, programme.edition)


TODAY = date(2026, 10, 1)
