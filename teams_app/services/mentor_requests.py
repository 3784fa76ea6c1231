"""Choice mode: the mentee ranks suggested mentors, each is asked in turn, one accepts."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace

from teams_app.domain.pairing import (
    AcceptRefused,
    MentorRequest,
    RequestStatus,
    StaleRecord,
    Suggestions,
)
from teams_app.domain.people import Person
from teams_app.services.matching_views import (
    MatchingNotice,
    MentorRequestView,
    SuggestionsView,
)
from teams_app.services.request_flow import RequestFlow

log = logging.getLogger(__name__)

ALREADY_ANSWERED = "This request was already answered, so nothing changed. Here is where it stands."
STALE_CHOICES = "This card was out of date, so nothing was sent. Here is where you stand."
ALREADY_PAIRED = "You are already paired, so no new request was sent."
MAX_MESSAGE = 1000


class MentorRequests(RequestFlow):
    """The mentee's choices and the mentor's answer (Together's pairing process, seed 004)."""

    async def my_suggestions(self, person: Person) -> SuggestionsView | MatchingNotice:
        """The mentee's current suggestions card, or a notice when there is none yet."""
        cohort = await self.cohort()
        suggestions = await self.store.get_suggestions(cohort.id, person.aad_object_id)
        if suggestions is None:
            return MatchingNotice(
                "No suggestions yet",
                "Your suggested mentors arrive here once the programme team publishes the "
                f"matching. Questions: {self.programme.contact}.",
            )
        return await self.suggestions_view(suggestions)

    async def choose(
        self, person: Person, choices: Sequence[str], version: int
    ) -> SuggestionsView | MatchingNotice:
        """Record the mentee's ranked choices and ask the first available mentor."""
        cohort = await self.cohort()
        suggestions = await self.store.get_suggestions(cohort.id, person.aad_object_id)
        if suggestions is None:
            return await self.my_suggestions(person)
        if suggestions.version != version or suggestions.choices:
            return await self.suggestions_view(suggestions, notice=STALE_CHOICES)
        if await self.is_paired(suggestions):
            return await self.suggestions_view(suggestions, notice=ALREADY_PAIRED)
        problem = self._choice_problem(suggestions, choices)
        if problem is not None:
            return await self.suggestions_view(suggestions, error=problem)
        try:
            saved = await self.store.save_suggestions(
                suggestions.with_choices(tuple(choices), self.clock.now())
            )
        except StaleRecord:
            fresh = await self.store.get_suggestions(cohort.id, person.aad_object_id)
            return await self.suggestions_view(fresh or suggestions, notice=STALE_CHOICES)
        await self.audit(person.aad_object_id, "matching.choices", f"suggestions:{saved.id}")
        return await self.advance(saved, refresh=False)

    async def answer(
        self, mentor: Person, request_id: int, version: int, accept: bool, message: str
    ) -> MentorRequestView | MatchingNotice:
        """The mentor accepts or declines; replays and double clicks change nothing twice."""
        request = await self.store.get_request(request_id)
        if request is None or request.mentor != mentor.aad_object_id:
            return MatchingNotice("Request not found", "This request is not addressed to you.")
        if request.version != version or request.status.closed:
            return await self.request_view(request, notice=ALREADY_ANSWERED)
        if accept:
            return await self._accept(request)
        return await self._decline(request, message.strip()[:MAX_MESSAGE])

    async def confirm_contact(self, person: Person, pairing_id: int) -> MatchingNotice:
        """ "We've already connected": no more no-contact nudges for this pair."""
        checks = self.contact_checks
        if checks is None or not await checks.confirm_contact(person.aad_object_id, pairing_id):
            return MatchingNotice("Pairing not found", "This pairing is not one of yours.")
        return MatchingNotice(
            "Thank you — noted",
            "Glad you are in touch. We will not send reminders about a first contact for this "
            "pairing.",
        )

    async def withdraw(self, person: Person, version: int) -> SuggestionsView | MatchingNotice:
        """The mentee takes back a pending request and may rank their choices again."""
        cohort = await self.cohort()
        suggestions = await self.store.get_suggestions(cohort.id, person.aad_object_id)
        if suggestions is None:
            return await self.my_suggestions(person)
        if suggestions.version != version:
            return await self.suggestions_view(suggestions, notice=STALE_CHOICES)
        pending = await self.store.list_requests(
            cohort.id, mentee=person.aad_object_id, status=RequestStatus.PENDING
        )
        if not pending:  # answered meanwhile (or paired): nothing to take back
            return await self.suggestions_view(suggestions, notice=STALE_CHOICES)
        for request in pending:
            closed = await self.close(request, RequestStatus.WITHDRAWN)
            if closed is not None:
                await self.refresh_request_card(closed)
        if await self.is_paired(suggestions):
            return await self.suggestions_view(suggestions, notice=ALREADY_PAIRED)
        current: Suggestions | None
        try:
            current = await self.store.save_suggestions(
                replace(suggestions, choices=(), chosen_at=None)
            )
        except StaleRecord:
            current = await self.store.get_suggestions(cohort.id, person.aad_object_id)
        return await self.suggestions_view(current or suggestions)

    async def expire_overdue(self) -> int:
        """Close requests past their deadline as expired and move each mentee on."""
        expired = 0
        for request in await self.store.overdue_requests(self.clock.now()):
            closed = await self.close(request, RequestStatus.EXPIRED)
            if closed is None:
                continue
            expired += 1
            await self.refresh_request_card(closed)
            await self.move_on(closed)
        return expired

    async def _accept(self, request: MentorRequest) -> MentorRequestView | MatchingNotice:
        assert request.id is not None
        capacity = await self.capacity_of(request.cohort_id, request.mentor)
        try:
            accepted, pairing = await self.store.accept_request(
                request.id,
                request.version,
                self.clock.now(),
                capacity,
                self.programme.matching.max_active_mentors_per_mentee,
            )
        except StaleRecord:
            fresh = await self.store.get_request(request.id)
            return await self.request_view(fresh or request, notice=ALREADY_ANSWERED)
        except AcceptRefused as refused:
            fresh = await self.store.get_request(request.id) or request
            await self.move_on(fresh)
            return await self.request_view(fresh, notice=_refusal_text(refused.reason))
        await self.audit(request.mentor, "matching.accepted", f"pairing:{pairing.id}")
        await self.paired(pairing)
        await self.release_if_full(request.cohort_id, request.mentor, capacity)
        return await self.request_view(accepted)

    async def _decline(self, request: MentorRequest, message: str) -> MentorRequestView:
        closed = await self.close(request, RequestStatus.DECLINED, message)
        if closed is None:
            fresh = await self.store.get_request(request.id or 0) or request
            return await self.request_view(fresh, notice=ALREADY_ANSWERED)
        await self.audit(request.mentor, "matching.declined", f"request:{request.id}")
        await self.move_on(closed)
        return await self.request_view(closed)

    def _choice_problem(self, suggestions: Suggestions, choices: Sequence[str]) -> str | None:
        allowed = self.programme.matching.choices
        if not choices:
            return "Choose at least your first choice."
        if len(choices) > allowed:
            return f"Choose at most {allowed} mentors."
        if len(set(choices)) != len(choices):
            return "Each mentor can be chosen once: pick a different mentor for each choice."
        if any(suggestions.suggested(choice) is None for choice in choices):
            return "Choose mentors from your list of suggestions."
        return None


def _refusal_text(reason: str) -> str:
    if reason == "mentor_full":
        return (
            "All your places are taken, so this request could not be accepted. The mentee "
            "has been passed on to their next choice."
        )
    return "The mentee has been paired with another mentor in the meantime. Thank you!"
