"""What the rematch and conflict use cases share: their collaborators and the channel card."""

from __future__ import annotations

from dataclasses import dataclass

from teams_app.domain.admin_cases import AdminCase, Alternative
from teams_app.domain.applications import Cohort
from teams_app.domain.audit import AuditEntry
from teams_app.domain.pairing import Pairing
from teams_app.domain.people import Person
from teams_app.domain.programme import Programme
from teams_app.domain.sessions import SessionStatus
from teams_app.services.admin_access import Administrators
from teams_app.services.admin_ports import CaseStore, ChannelPoster
from teams_app.services.case_alternatives import alternative_mentors
from teams_app.services.case_views import AlternativeView, CaseCardView
from teams_app.services.contact_checks import ContactChecks
from teams_app.services.mentor_requests import MentorRequests
from teams_app.services.ports import Clock, Notifier


@dataclass(frozen=True)
class CaseDeskParts:
    """The collaborators of the case use cases, wired once in the composition root."""

    store: CaseStore
    clock: Clock
    programme: Programme
    notifier: Notifier
    channel: ChannelPoster
    admins: Administrators
    requests: MentorRequests
    contact_checks: ContactChecks | None = None
    # Only a channel whose members are all administrators may show what a participant typed.
    channel_private: bool = False


class CaseDesk:
    """Base of the participant and administrator sides of a case."""

    def __init__(self, parts: CaseDeskParts) -> None:
        self.parts = parts
        self.store = parts.store
        self.clock = parts.clock
        self.programme = parts.programme

    async def cohort(self) -> Cohort:
        """The cohort of the programme's current edition."""
        return await self.store.ensure_cohort(self.programme.id, self.programme.edition)

    async def name_of(self, person: str | None) -> str:
        """A person's display name, or a neutral placeholder."""
        if person is None:
            return "someone"
        found = await self.store.get_person(person)
        return found.name if found is not None else "a former participant"

    async def card_view(
        self, case: AdminCase, pairing: Pairing, notice: str | None = None
    ) -> CaseCardView:
        """The channel card of a case, as every member of the channel may see it."""
        assert case.id is not None
        mentee = await self.store.get_person(pairing.mentee)
        mentor = await self.store.get_person(pairing.mentor)
        requester = mentee if case.requester == pairing.mentee else mentor
        held = [
            s
            for s in await self.store.sessions_of(case.pairing_id)
            if s.status is SessionStatus.SCHEDULED and s.ends_at <= self.clock.now()
        ]
        return CaseCardView(
            case_id=case.id,
            version=case.version,
            kind=case.kind,
            category=case.category,
            mentee_name=_name(mentee),
            mentor_name=_name(mentor),
            requester_name=_name(requester),
            requester_role="mentee" if case.requester == pairing.mentee else "mentor",
            paired_at=pairing.started_at,
            sessions_held=len(held),
            opened_at=case.opened_at,
            note=case.note if self.parts.channel_private else None,
            alternatives=await self._alternatives(case),
            status=case.status,
            outcome=case.outcome,
            decided_by_name=await self.name_of(case.decided_by) if case.decided_by else None,
            decided_at=case.decided_at,
            new_mentor_name=await self.name_of(case.new_mentor) if case.new_mentor else None,
            admin_message=case.admin_message,
            reporter_email=requester.email if requester is not None else None,
            info_requests=case.info_requests,
            notice=notice,
        )

    async def alternatives_for(self, mentee: str) -> tuple[Alternative, ...]:
        """The engine's alternative mentors for a mentee now (places left, no past pairs)."""
        found = await alternative_mentors(
            self.store, self.programme, await self.cohort(), mentee, self.clock.now().date()
        )
        return tuple(Alternative(mentor, reasons) for mentor, _, reasons in found)

    async def show(self, case: AdminCase, pairing: Pairing, notice: str | None = None) -> None:
        """Post the case's channel card, or update it in place for everyone once posted."""
        view = await self.card_view(case, pairing, notice)
        if view.note:  # a private channel shows the note: a read of confidential data
            await self.store.append_audit(
                AuditEntry(self.clock.now(), "tandem", "case.note_posted", f"case:{case.id}")
            )
        if case.channel_activity_id:
            await self.parts.channel.update(case.channel_activity_id, view)
            return
        activity = await self.parts.channel.post(view)
        if activity is not None and case.id is not None:
            await self.store.set_case_card(case.id, activity)

    async def _alternatives(self, case: AdminCase) -> tuple[AlternativeView, ...]:
        views = []
        for alternative in case.alternatives:
            person: Person | None = await self.store.get_person(alternative.mentor)
            spare = await self.parts.requests.spare_places(case.cohort_id, alternative.mentor)
            reasons = alternative.reasons if self.parts.channel_private else ()
            views.append(AlternativeView(alternative.mentor, _name(person), spare, reasons))
        return tuple(views)


def read_id(value: object) -> int | None:
    """A record id or version sent back by a card; None when it is not a whole number."""
    try:
        return int(str(value))
    except ValueError:
        return None


def _name(person: Person | None) -> str:
    return person.name if person is not None else "a former participant"
