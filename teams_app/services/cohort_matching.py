"""Running a cohort's matching and publishing it, in the way the programme pairs people."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from teams_app.domain.applications import Cohort
from teams_app.domain.matching import MatchResult, settings_for
from teams_app.domain.pairing import (
    AcceptRefused,
    Pairing,
    StaleRecord,
    SuggestedMentor,
    Suggestions,
)
from teams_app.domain.programme import MatchingMode
from teams_app.domain.retention import ENDED
from teams_app.services.matching_participants import Participants, load_participants
from teams_app.services.matching_thread import match_on_thread
from teams_app.services.matching_views import MatchingNotice
from teams_app.services.request_flow import RequestFlow

log = logging.getLogger(__name__)

MATCHING = "matching"
PUBLISHED = "published"


# Told (people done, people in all) while a publish sends its cards.
Progress = Callable[[int, int], Awaitable[None]]


class NothingToMatch(Exception):
    """A cohort that cannot be matched: no mentees or no mentors; the message says which."""


@dataclass(frozen=True)
class PublishReport:
    """What publishing did."""

    mode: MatchingMode
    suggestions_sent: int = 0
    pairs_created: int = 0
    unmatched: int = 0
    already_published: int = 0
    unreachable: int = 0


class CohortMatching(RequestFlow):
    """The administrators' side: match the cohort, review the result, publish it."""

    async def find(self, cohort_id: int | None) -> Cohort:
        """The cohort by id, or the current edition's; raises NothingToMatch if unknown."""
        if cohort_id is None:
            return await self.cohort()
        cohort = await self.store.get_cohort(cohort_id)
        if cohort is None:
            raise NothingToMatch(f"there is no cohort {cohort_id}")
        return cohort

    async def run(
        self, cohort: Cohort, progress: Callable[[int, int], None] | None = None
    ) -> tuple[MatchResult, Participants]:
        """The optimal matching of everyone not yet paired; changes nothing."""
        if cohort.status == ENDED:
            raise NothingToMatch(f"cohort {cohort.id} has ended; there is nothing more to match")
        participants = await load_participants(self.store, self.programme, cohort, self.today)
        if not participants.mentees:
            raise NothingToMatch(f"cohort {cohort.id} has no submitted mentee applications")
        if not participants.mentors:
            raise NothingToMatch(f"cohort {cohort.id} has no submitted mentor applications")
        result = await match_on_thread(
            participants.mentees,
            participants.mentors,
            settings_for(self.programme),
            excluded_pairs=participants.excluded_pairs,
            progress=progress,
        )
        return result, participants

    async def publish(
        self, cohort: Cohort, progress: Progress | None = None, actor: str = "cli"
    ) -> PublishReport:
        """Send the outcome: suggestions (choice), pairs (admin) or the open search (search).

        `progress(done, total)` is awaited as people are sent their cards.
        """
        if cohort.status == ENDED:
            raise NothingToMatch(f"cohort {cohort.id} has ended; nothing is published after that")
        if cohort.status == "registration":
            try:
                cohort = await self.store.set_cohort_status(cohort.id, MATCHING, "registration")
            except StaleRecord:
                cohort = await self.find(cohort.id)
        mode = self.programme.matching.mode
        if mode is MatchingMode.SEARCH:
            report = await self._open_search(cohort)
        else:
            result, participants = await self.run(cohort)
            if mode is MatchingMode.CHOICE:
                report = await self._publish_suggestions(cohort, result, progress)
            else:
                report = await self._publish_pairs(cohort, result, participants, progress)
        if cohort.status != PUBLISHED:
            # StaleRecord: another administrator published at the same moment.
            with contextlib.suppress(StaleRecord):
                await self.store.set_cohort_status(cohort.id, PUBLISHED, cohort.status)
        await self.audit(actor, "matching.published", f"cohort:{cohort.id}")
        return report

    async def _publish_suggestions(
        self, cohort: Cohort, result: MatchResult, progress: Progress | None
    ) -> PublishReport:
        sent = already = unmatched = unreachable = 0
        reasons = {u.mentee: u.reason for u in result.unmatched}
        total = len(result.suggestions)
        for done, (mentee, options) in enumerate(sorted(result.suggestions.items())):
            if progress is not None:
                await progress(done, total)
            entries = tuple(SuggestedMentor(o.mentor, o.score, tuple(o.reasons)) for o in options)
            try:
                saved = await self.store.save_suggestions(Suggestions(cohort.id, mentee, entries))
            except StaleRecord:
                already += 1  # published before: publishing again never sends twice
                continue
            if not entries:
                unmatched += 1
                notice = self._unmatched(reasons.get(mentee))
                unreachable += await self.notifier.notify(mentee, notice) is None
                continue
            sent += 1
            unreachable += not await self.send_suggestions(saved)
        return PublishReport(
            MatchingMode.CHOICE,
            suggestions_sent=sent,
            unmatched=unmatched,
            already_published=already,
            unreachable=unreachable,
        )

    async def _publish_pairs(
        self,
        cohort: Cohort,
        result: MatchResult,
        participants: Participants,
        progress: Progress | None,
    ) -> PublishReport:
        created = 0
        limit = self.programme.matching.max_active_mentors_per_mentee
        for done, pair in enumerate(result.pairs):
            if progress is not None:
                await progress(done, len(result.pairs))
            proposed = Pairing(cohort.id, pair.mentee, pair.mentor, started_at=self.clock.now())
            capacity = participants.capacity.get(pair.mentor, 1)
            try:
                pairing = await self.store.create_pairing(proposed, capacity, limit)
            except AcceptRefused:
                continue  # paired since the matching ran; the next run takes it into account
            created += 1
            await self.paired(pairing)
        for unmatched in result.unmatched:
            await self.notifier.notify(unmatched.mentee, self._unmatched(unmatched.reason))
        return PublishReport(
            MatchingMode.ADMIN, pairs_created=created, unmatched=len(result.unmatched)
        )

    async def _open_search(self, cohort: Cohort) -> PublishReport:
        participants = await load_participants(self.store, self.programme, cohort, self.today)
        if cohort.status == PUBLISHED:  # the search is open already: nobody is told twice
            return PublishReport(MatchingMode.SEARCH, already_published=len(participants.mentees))
        notice = MatchingNotice(
            "The mentor search is open",
            "You can now look for a mentor: type **find a mentor** here, filter by duty station, "
            "gender, practice area or unit, open a profile and send your request.",
        )
        for mentee in participants.mentees:
            await self.notifier.notify(mentee.key, notice)
        return PublishReport(MatchingMode.SEARCH, suggestions_sent=len(participants.mentees))

    def _unmatched(self, reason: str | None) -> MatchingNotice:
        because = f" ({reason})" if reason else ""
        return MatchingNotice(
            "We could not suggest a mentor yet",
            f"No mentor in this edition fits the programme's rules for you{because}. The "
            f"programme team will be in touch; you can also write to {self.programme.contact}.",
        )
