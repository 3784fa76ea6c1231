"""The machinery behind mentor requests: asking the next choice, pairing, re-solving, cards."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from datetime import timedelta

from teams_app.domain.audit import AuditEntry
from teams_app.domain.matching import MatchProfile, mentor_capacity, settings_for
from teams_app.domain.pairing import (
    MentorRequest,
    Pairing,
    PairingStatus,
    RequestClosed,
    RequestStatus,
    StaleRecord,
    SuggestedMentor,
    Suggestions,
)
from teams_app.domain.people import Person
from teams_app.domain.programme import Role
from teams_app.services.matching_participants import load_participants
from teams_app.services.matching_thread import match_on_thread
from teams_app.services.matching_views import NoMentorLeftAlert, SuggestionsView
from teams_app.services.public_profiles import profile_of
from teams_app.services.request_views import RequestViews

log = logging.getLogger(__name__)

# The round of a request an administrator made for a rematch (suggestion rounds start at 1).
REMATCH_ROUND = 0
NEW_ROUND = (
    "None of your choices could take you on, so here are new suggestions from the mentors "
    "who still have places. Rank them as before."
)


class RequestFlow(RequestViews):
    """Shared by the request use cases: state moves forward only through these methods."""

    # Told when a mentor declines (or lets expire) an administrator's rematch request.
    rematch_followup: Callable[[MentorRequest], Awaitable[None]] | None = None

    async def advance(self, suggestions: Suggestions, refresh: bool = True) -> SuggestionsView:
        """Ask the mentee's next available choice; none left → new suggestions (next round)."""
        if await self.is_paired(suggestions):
            return await self.suggestions_view(suggestions)
        tried = {
            r.mentor
            for r in await self.store.list_requests(
                suggestions.cohort_id, mentee=suggestions.mentee
            )
            if r.round == suggestions.round
        }
        for rank, mentor in enumerate(suggestions.choices, start=1):
            if mentor in tried:
                continue
            if await self.spare_places(suggestions.cohort_id, mentor) <= 0:
                continue
            # None means a request is already pending (a concurrent click): do not ask twice.
            await self._ask(suggestions, mentor, rank)
            break
        else:
            return await self._next_round(suggestions)
        view = await self.suggestions_view(suggestions)
        if refresh:
            await self.refresh_suggestions_card(suggestions, view)
        return view

    async def move_on(self, closed: MentorRequest) -> None:
        """After a decline, expiry or full mentor: tell the mentee's card and ask the next."""
        if not closed.status.falls_through:
            return
        if closed.round == REMATCH_ROUND:  # the administrators choose the next mentor
            if self.rematch_followup is not None:
                await self.rematch_followup(closed)
            return
        suggestions = await self.store.get_suggestions(closed.cohort_id, closed.mentee)
        if suggestions is None:  # search mode: the mentee searches again themselves
            await self.notifier.notify(closed.mentee, await self._search_again(closed))
            return
        if suggestions.round != closed.round:
            return
        await self.advance(suggestions)

    async def close(
        self, request: MentorRequest, status: RequestStatus, answer: str = ""
    ) -> MentorRequest | None:
        """Close a pending request (compare-and-set); None when someone else closed it first."""
        try:
            return await self.store.close_request(request.decided(status, self.clock.now(), answer))
        except (StaleRecord, RequestClosed):
            return None

    async def is_paired(self, suggestions: Suggestions) -> bool:
        """Whether the mentee already has as many mentors as the programme allows."""
        active = await self.store.pairings(suggestions.cohort_id, person=suggestions.mentee)
        mine = sum(1 for p in active if p.mentee == suggestions.mentee)
        return mine >= self.programme.matching.max_active_mentors_per_mentee

    async def capacity_of(self, cohort_id: int, mentor: str) -> int:
        """A mentor's total capacity from their application, within the preset's maximum."""
        application = await self.store.get_application(cohort_id, mentor, Role.MENTOR)
        return mentor_capacity(application.answers if application else {}, self.programme)

    async def spare_places(self, cohort_id: int, mentor: str, capacity: int | None = None) -> int:
        """How many more mentees a mentor can take now (`capacity` if already read)."""
        active = await self.store.pairings(cohort_id, person=mentor, status=PairingStatus.ACTIVE)
        taken = sum(1 for p in active if p.mentor == mentor)
        total = capacity if capacity is not None else await self.capacity_of(cohort_id, mentor)
        return total - taken

    async def release_if_full(self, cohort_id: int, mentor: str, capacity: int) -> None:
        """A mentor who just filled their last place: close their other requests as full."""
        if await self.spare_places(cohort_id, mentor, capacity) > 0:
            return
        pending = await self.store.list_requests(
            cohort_id, mentor=mentor, status=RequestStatus.PENDING
        )
        for request in pending:
            closed = await self.close(request, RequestStatus.FULL)
            if closed is not None:
                await self.refresh_request_card(closed)
                await self.move_on(closed)

    async def paired(self, pairing: Pairing) -> None:
        """Both people get the pairing card; the mentee's suggestions card shows the pair."""
        mentee_app = await self.store.get_application(
            pairing.cohort_id, pairing.mentee, Role.MENTEE
        )
        mentor_app = await self.store.get_application(
            pairing.cohort_id, pairing.mentor, Role.MENTOR
        )
        mentee = profile_of(
            self.questionnaire, await self.store.get_person(pairing.mentee), mentee_app
        )
        mentor = profile_of(
            self.questionnaire, await self.store.get_person(pairing.mentor), mentor_app
        )
        if self.contact_checks is not None:
            await self.contact_checks.schedule(pairing)
        to_mentee = self.pairing_view(Role.MENTEE, mentor, pairing.id)
        await self.notifier.notify(pairing.mentee, to_mentee)
        await self.notifier.notify(
            pairing.mentor, self.pairing_view(Role.MENTOR, mentee, pairing.id)
        )
        suggestions = await self.store.get_suggestions(pairing.cohort_id, pairing.mentee)
        if suggestions is not None:
            await self.refresh_suggestions_card(
                suggestions, await self.suggestions_view(suggestions)
            )

    async def refresh_request_card(self, request: MentorRequest) -> None:
        """Show a request's outcome on the mentor's card, in place."""
        if request.card_activity_id:
            view = await self.request_view(request)
            await self.notifier.refresh(request.mentor, request.card_activity_id, view)

    async def refresh_suggestions_card(
        self, suggestions: Suggestions, view: SuggestionsView
    ) -> None:
        """Show where the mentee stands on their suggestions card, in place."""
        fresh = await self.store.get_suggestions(suggestions.cohort_id, suggestions.mentee)
        activity = (fresh or suggestions).card_activity_id
        if activity:
            await self.notifier.refresh(suggestions.mentee, activity, view)

    async def audit(self, actor: str, action: str, subject: str) -> None:
        """One audit row for a matching decision: identifiers only, no names or answers."""
        await self.store.append_audit(AuditEntry(self.clock.now(), actor, action, subject))

    async def send_suggestions(self, suggestions: Suggestions, notice: str | None = None) -> bool:
        """Post a mentee's suggestions card, remembered for in-place updates; False if unreachable.

        An unreachable mentee keeps their stored list: `my suggestions` shows it once they
        open Tandem.
        """
        view = await self.suggestions_view(suggestions, notice=notice)
        activity = await self.notifier.notify(suggestions.mentee, view)
        if activity:
            await self.store.set_suggestions_card(
                suggestions.cohort_id, suggestions.mentee, activity
            )
        return activity is not None

    async def _ask(self, suggestions: Suggestions, mentor: str, rank: int) -> MentorRequest | None:
        return await self.ask_mentor(
            suggestions.cohort_id, suggestions.mentee, mentor, rank, suggestions.round
        )

    async def ask_mentor(
        self, cohort_id: int, mentee: str, mentor: str, rank: int = 1, round_: int = REMATCH_ROUND
    ) -> MentorRequest | None:
        """Send a mentor the request card for a mentee; None if one is already pending.

        Administrators' rematches use REMATCH_ROUND, which no suggestions list has: a decline
        then does not walk the mentee's old choices.
        """
        now = self.clock.now()
        days = self.programme.matching.mentor_response_days
        try:
            request = await self.store.add_request(
                MentorRequest(
                    cohort_id,
                    mentee,
                    mentor,
                    due_at=now + timedelta(days=days),
                    created_at=now,
                    rank=rank,
                    round=round_,
                )
            )
        except StaleRecord:  # a request is already pending: a concurrent click asked first
            return None
        activity = await self.notifier.notify(mentor, await self.request_view(request))
        if activity and request.id is not None:
            await self.store.set_request_card(request.id, activity)
        return request

    async def _alert_no_mentor(
        self, suggestions: Suggestions, person: Person | None, why: str
    ) -> bool:
        """Tell the administrators that this mentee (`person`, as the participants were
        loaded) has no mentor left; whether they were."""
        if self.contact_checks is None:  # a terminal run: nobody to tell
            return False
        name = person.name if person is not None else suggestions.mentee
        email = person.email if person is not None else ""
        alert = NoMentorLeftAlert(name, email, suggestions.round, why)
        problem = await self.contact_checks.alerts.send(alert)
        if problem is not None:
            log.warning("matching.no_mentor_alert_failed", extra={"problem": problem})
        return problem is None

    async def _next_round(self, suggestions: Suggestions) -> SuggestionsView:
        participants = await load_participants(
            self.store, self.programme, await self.cohort(), self.today
        )
        mentee = next((m for m in participants.mentees if m.key == suggestions.mentee), None)
        tried = {entry.mentor for entry in suggestions.mentors}
        mentors = [m for m in participants.mentors if m.capacity > 0 and m.key not in tried]
        pairs = {(suggestions.mentee, key) for key in tried} | participants.excluded_pairs
        entries: tuple[SuggestedMentor, ...] = ()
        rule = None  # the engine's reason when the mentors left do not fit the mentee
        if mentee is not None and mentors:
            result = await match_on_thread(
                [mentee], mentors, settings_for(self.programme), excluded_pairs=pairs
            )
            entries = tuple(
                SuggestedMentor(s.mentor, s.score, tuple(s.reasons))
                for s in result.suggestions.get(mentee.key, ())
            )
            rule = next((u.reason for u in result.unmatched if u.mentee == mentee.key), None)
        fresh = replace(
            suggestions, mentors=entries, round=suggestions.round + 1, choices=(), chosen_at=None
        )
        try:
            saved = await self.store.save_suggestions(fresh)
        except StaleRecord:
            current = await self.store.get_suggestions(suggestions.cohort_id, suggestions.mentee)
            return await self.suggestions_view(current or suggestions)
        # The round's card keeps its outcome (each request's answer, no form); a new round
        # comes as a card of its own.
        closed = await self.suggestions_view(suggestions)
        await self.refresh_suggestions_card(saved, closed)
        if not entries:
            why = _why_none_left(participants.mentors, rule)
            person = participants.people.get(suggestions.mentee)
            told = mentee is not None and await self._alert_no_mentor(suggestions, person, why)
            await self.notifier.notify(saved.mentee, self.no_mentor_left(told))
            return closed
        await self.send_suggestions(saved, NEW_ROUND)
        return closed


def _why_none_left(mentors: Sequence[MatchProfile], rule: str | None) -> str:
    """Why a new round found a mentee no mentor, in words for the administrators."""
    if rule:
        return f"Tandem's reason, as worded for the mentee: “{rule}”."
    if any(m.capacity > 0 for m in mentors):
        return "Every mentor with a free place was among those already suggested to them."
    return "No mentor in the cohort has a free place left."
