"""Search mode (JPOSC, seed 002): the mentee filters mentors, opens a profile, sends a request."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from teams_app.domain.matching import MatchProfile, pair_problem, rank_mentors, settings_for
from teams_app.domain.pairing import MentorRequest, PairingStatus, RequestStatus, StaleRecord
from teams_app.domain.people import Person
from teams_app.domain.programme import MatchingMode, Role
from teams_app.services.matching_participants import Participants, load_participants
from teams_app.services.matching_views import (
    MatchingNotice,
    MentorOption,
    MentorProfileView,
    PublicProfile,
    SearchFilter,
    SearchResultsView,
)
from teams_app.services.public_profiles import profile_of
from teams_app.services.request_flow import RequestFlow

FILTERS = {
    "duty_station": "Duty station",
    "gender": "Gender",
    "practice_area": "Practice area",
    "unit": "Unit",
}
MAX_MESSAGE = 1000


class MentorSearch(RequestFlow):
    """The mentee's search, profile and request; the mentor answers through MentorRequests."""

    async def search(
        self, person: Person, selected: Mapping[str, str] | None = None
    ) -> SearchResultsView | MatchingNotice:
        """Mentors with a free place who fit the filters and the programme's rules, best first."""
        participants, me = await self._me(person)
        if me is None or participants is None:
            return self._not_a_mentee()
        chosen = {k: v for k, v in (selected or {}).items() if k in FILTERS and v}
        mentors = [m for m in participants.mentors if m.capacity > 0]
        filters = tuple(
            self._filter(key, mentors, chosen.get(key, "")) for key in self._filter_keys()
        )
        fitting = [m for m in mentors if all(_value(m, k) == v for k, v in chosen.items())]
        ranked = rank_mentors(
            me, fitting, settings_for(self.programme), excluded_pairs=participants.excluded_pairs
        )
        page = ranked[: self.programme.matching.suggestions]
        options = tuple(
            [
                MentorOption(await self._profile(participants, r.mentor), tuple(r.reasons))
                for r in page
            ]
        )
        pending, paired = await self._standing(participants, me.key)
        return SearchResultsView(
            self.programme.name, filters, options, len(ranked), pending, paired
        )

    async def profile(self, person: Person, mentor: str) -> MentorProfileView | MatchingNotice:
        """One mentor's full public profile, with a request message to edit and send."""
        chosen = await self._chosen(person, mentor)
        if isinstance(chosen, MatchingNotice):
            return chosen
        participants, me, option = chosen
        pending, paired = await self._standing(participants, me.key)
        first = option.profile.name.split(" ")[0]
        message = (
            f"Dear {first}, I am {person.name}. I read your profile and would be glad to have "
            "you as my mentor during my assignment."
        )
        can = option.available and pending is None and paired is None
        return MentorProfileView(self.programme.name, option, message, can)

    async def request(
        self, person: Person, mentor: str, message: str
    ) -> MentorProfileView | MatchingNotice:
        """Send the request with the mentee's own words; the mentor gets Accept / Decline."""
        chosen = await self._chosen(person, mentor)
        if isinstance(chosen, MatchingNotice):
            return chosen
        participants, me, option = chosen
        text = message.strip()
        problem = await self._request_problem(participants, me, option, text)
        if problem is not None:
            return MentorProfileView(self.programme.name, option, text, False, problem)
        now = self.clock.now()
        days = self.programme.matching.mentor_response_days
        proposed = MentorRequest(
            participants.cohort.id, me.key, mentor, now + timedelta(days=days), now, message=text
        )
        try:
            sent = await self.store.add_request(proposed)
        except StaleRecord:
            return MentorProfileView(
                self.programme.name, option, text, False, "You already have a request waiting."
            )
        activity = await self.notifier.notify(mentor, await self.request_view(sent))
        if activity and sent.id is not None:
            await self.store.set_request_card(sent.id, activity)
        await self.audit(me.key, "matching.requested", f"request:{sent.id}")
        return MatchingNotice(
            f"Your request is with {option.profile.name}",
            f"{option.profile.name} has {days} days to accept or decline. We will tell you here "
            "as soon as they answer.",
        )

    async def _chosen(
        self, person: Person, mentor: str
    ) -> tuple[Participants, MatchProfile, MentorOption] | MatchingNotice:
        """The mentee, and the mentor they opened, as an option; or why there is none."""
        participants, me = await self._me(person)
        if me is None or participants is None:
            return self._not_a_mentee()
        found = participants.mentor(mentor)
        if found is None:
            return MatchingNotice("Mentor not found", "This mentor is no longer in the programme.")
        return participants, me, await self._option(participants, me, found)

    def _filter(self, key: str, mentors: list[MatchProfile], selected: str) -> SearchFilter:
        question_id = "job_network" if key == "practice_area" else key
        labels: dict[str, str] = {}
        if any(q.id == question_id for q in self.questionnaire.questions):
            labels = {c.id: c.label for c in self.questionnaire.question(question_id).choices}
        values = sorted({_value(m, key) for m in mentors} - {""}, key=lambda v: labels.get(v, v))
        options = tuple((value, labels.get(value, value)) for value in values)
        return SearchFilter(key, FILTERS[key], options, selected)

    def _filter_keys(self) -> tuple[str, ...]:
        wanted = self.programme.matching.search_filters or tuple(FILTERS)
        return tuple(key for key in wanted if key in FILTERS)

    async def _request_problem(
        self, participants: Participants, me: MatchProfile, option: MentorOption, text: str
    ) -> str | None:
        if not text:
            return "Write a short message to the mentor: it is the first thing they read."
        if len(text) > MAX_MESSAGE:
            return f"Keep your message under {MAX_MESSAGE} characters."
        pending, paired = await self._standing(participants, me.key)
        if paired is not None:
            return f"You are already paired with {paired}."
        if pending is not None:
            return f"Your request to {pending} is still waiting for an answer."
        if not option.available:
            return "This mentor cannot take a request from you now; choose another mentor."
        return None

    async def _standing(
        self, participants: Participants, mentee: str
    ) -> tuple[str | None, str | None]:
        cohort = participants.cohort.id
        pending = await self.store.list_requests(
            cohort, mentee=mentee, status=RequestStatus.PENDING
        )
        active = await self.store.pairings(cohort, person=mentee, status=PairingStatus.ACTIVE)
        paired = next((p for p in active if p.mentee == mentee), None)
        pending_name = (
            (await self._profile(participants, pending[0].mentor)).name if pending else None
        )
        paired_name = (await self._profile(participants, paired.mentor)).name if paired else None
        return pending_name, paired_name

    async def _option(
        self, participants: Participants, me: MatchProfile, mentor: MatchProfile
    ) -> MentorOption:
        settings = settings_for(self.programme)
        problem = pair_problem(me, mentor, settings, participants.excluded_pairs)
        ranked = rank_mentors(me, [mentor], settings, excluded_pairs=participants.excluded_pairs)
        reasons = tuple(ranked[0].reasons) if ranked else ()
        available = problem is None and mentor.capacity > 0
        return MentorOption(await self._profile(participants, mentor.key), reasons, available)

    async def _profile(self, participants: Participants, key: str) -> PublicProfile:
        return profile_of(
            self.questionnaire,
            participants.people.get(key),
            participants.application(key, Role.MENTOR),
        )

    async def _me(self, person: Person) -> tuple[Participants | None, MatchProfile | None]:
        if self.programme.matching.mode is not MatchingMode.SEARCH:
            return None, None
        cohort = await self.cohort()
        participants = await load_participants(self.store, self.programme, cohort, self.today)
        me = next((m for m in participants.mentees if m.key == person.aad_object_id), None)
        return participants, me

    def _not_a_mentee(self) -> MatchingNotice:
        if self.programme.matching.mode is not MatchingMode.SEARCH:
            return MatchingNotice(
                "Search is not part of this programme",
                "In this programme the mentors are suggested to you: type **my suggestions**.",
            )
        return MatchingNotice(
            "Search is for registered mentees",
            "The mentor search opens to mentees whose application is submitted. Type **my "
            f"registration** to check yours, or write to {self.programme.contact}.",
        )


def _value(mentor: MatchProfile, key: str) -> str:
    field = "job_network" if key == "practice_area" else key
    value = getattr(mentor, field, None)
    return str(value) if value else ""
