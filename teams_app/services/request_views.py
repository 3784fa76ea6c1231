"""What the request use cases show: the mentee's, the mentor's and the pairing card views."""

from __future__ import annotations

from datetime import date

from teams_app.domain.applications import Cohort
from teams_app.domain.first_meeting import FIRST_ENCOUNTER_CHECKLIST, FIRST_MEETING_QUESTIONS
from teams_app.domain.pairing import MentorRequest, RequestStatus, Suggestions
from teams_app.domain.programme import Programme, Role
from teams_app.domain.questionnaire import Questionnaire
from teams_app.domain.reason_perspective import reasons_for_mentor
from teams_app.services.contact_checks import ContactChecks
from teams_app.services.matching_views import (
    MatchingNotice,
    MentorOption,
    MentorRequestView,
    PairingView,
    PublicProfile,
    RequestLine,
    SuggestionsView,
)
from teams_app.services.ports import Clock, Notifier, Store
from teams_app.services.public_profiles import profile_of


class RequestViews:
    """The state the request use cases share, and the views they return."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        programme: Programme,
        questionnaire: Questionnaire,
        notifier: Notifier,
        contact_checks: ContactChecks | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.programme = programme
        self.questionnaire = questionnaire
        self.notifier = notifier
        # Schedules the no-contact nudges of each new pairing (None: no nudges, e.g. a CLI run).
        self.contact_checks = contact_checks

    @property
    def today(self) -> date:
        """Today's date by the clock (UTC)."""
        return self.clock.now().date()

    async def cohort(self) -> Cohort:
        """The cohort of the programme's current edition."""
        return await self.store.ensure_cohort(self.programme.id, self.programme.edition)

    def pairing_view(
        self, viewer: Role, partner: PublicProfile, pairing_id: int | None = None
    ) -> PairingView:
        """The pairing card for `viewer`, showing `partner` (with "Schedule a session")."""
        starts = self.programme.starts_on
        return PairingView(
            self.programme.name,
            viewer,
            partner,
            FIRST_ENCOUNTER_CHECKLIST,
            FIRST_MEETING_QUESTIONS,
            self.programme.contact,
            starts.strftime("%-d %B %Y") if starts else None,
            pairing_id,
        )

    async def suggestions_view(
        self, suggestions: Suggestions, error: str | None = None, notice: str | None = None
    ) -> SuggestionsView:
        """The mentee's card: options with public profiles and reasons, and request states."""
        requests = await self.store.list_requests(suggestions.cohort_id, mentee=suggestions.mentee)
        this_round = [r for r in requests if r.round == suggestions.round]
        names: dict[str, str] = {}
        options = []
        unavailable = {r.mentor for r in this_round if r.status.falls_through}
        for entry in suggestions.mentors:
            profile = await self._mentor_profile(suggestions.cohort_id, entry.mentor)
            names[entry.mentor] = profile.name
            options.append(MentorOption(profile, entry.reasons, entry.mentor not in unavailable))
        active = await self.store.pairings(suggestions.cohort_id, person=suggestions.mentee)
        paired = next((p for p in active if p.mentee == suggestions.mentee), None)
        person = await self.store.get_person(suggestions.mentee)
        return SuggestionsView(
            self.programme.name,
            person.name if person else "",
            tuple(options),
            self.programme.matching.choices,
            self.programme.matching.mentor_response_days,
            suggestions.version,
            suggestions.round,
            suggestions.choices,
            tuple(
                RequestLine(names.get(r.mentor, "A mentor"), r.rank, r.status, r.due_at, r.answer)
                for r in this_round
            ),
            names.get(paired.mentor) if paired else None,
            error,
            notice,
        )

    async def request_view(
        self, request: MentorRequest, notice: str | None = None
    ) -> MentorRequestView:
        """The mentor's card for one request."""
        application = await self.store.get_application(
            request.cohort_id, request.mentee, Role.MENTEE
        )
        person = await self.store.get_person(request.mentee)
        suggestions = await self.store.get_suggestions(request.cohort_id, request.mentee)
        entry = suggestions.suggested(request.mentor) if suggestions else None
        assert request.id is not None
        mentee = profile_of(self.questionnaire, person, application)
        return MentorRequestView(
            self.programme.name,
            request.id,
            request.version,
            mentee,
            reasons_for_mentor(entry.reasons, mentee.name.split(" ")[0]) if entry else (),
            request.status,
            request.due_at,
            request.message,
            notice,
        )

    async def _search_again(self, closed: MentorRequest) -> MatchingNotice:
        person = await self.store.get_person(closed.mentor)
        name = person.name if person else "The mentor"
        outcome = {
            RequestStatus.DECLINED: f"{name} cannot take you on this time",
            RequestStatus.EXPIRED: f"{name} did not answer in time",
            RequestStatus.FULL: f"{name}'s places are all taken",
        }[closed.status]
        said = f" They wrote: “{closed.answer}”" if closed.answer else ""
        return MatchingNotice(
            outcome,
            f"Your request has been closed.{said} Other mentors are waiting to hear from you: "
            "search again and send a new request.",
            offer="find_mentor",
        )

    def no_mentor_left(self, team_told: bool) -> MatchingNotice:
        """What a mentee hears when no mentor with a free place suits them; `team_told`:
        whether the administrators have just been alerted."""
        next_step = (
            "The programme team has been told and will be in touch; you can also write to "
            f"{self.programme.contact}."
            if team_told
            else f"Please write to the programme team at {self.programme.contact}."
        )
        return MatchingNotice(
            "No mentor is free right now",
            f"None of the mentors who suit you can take you on at the moment. {next_step}",
        )

    async def _mentor_profile(self, cohort_id: int, mentor: str) -> PublicProfile:
        application = await self.store.get_application(cohort_id, mentor, Role.MENTOR)
        return profile_of(self.questionnaire, await self.store.get_person(mentor), application)
