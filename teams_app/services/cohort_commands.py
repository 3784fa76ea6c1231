"""Running the cohort from the administrators' channel: registration, matching, publishing."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable

from teams_app.domain.pairing import StaleRecord
from teams_app.domain.programme import Role
from teams_app.domain.retention import ENDED
from teams_app.services.admin_access import Administrators
from teams_app.services.cohort_ending import CohortEnding, ending_line
from teams_app.services.cohort_export import LINK_MINUTES, ExportLinks
from teams_app.services.cohort_matching import (
    PUBLISHED,
    CohortMatching,
    NothingToMatch,
    PublishReport,
)
from teams_app.services.cohort_views import (
    CohortNotice,
    ExportLinkView,
    FunnelView,
    MatchingSummaryView,
    PublishProgressView,
    funnel_stages,
)
from teams_app.services.dashboard import DashboardStore
from teams_app.services.ports import Clock

OPEN, CLOSED = "registration", "matching"
BANDS = ((0.8, "0.8 to 1.0"), (0.6, "0.6 to 0.8"), (0.4, "0.4 to 0.6"), (0.0, "below 0.4"))


class CohortCommands:
    """Each command checks the administrator first; each is safe to run twice."""

    def __init__(
        self,
        admins: Administrators,
        matching: CohortMatching,
        counts: tuple[DashboardStore, Clock],
        links: ExportLinks | None = None,
        ending: CohortEnding | None = None,
    ) -> None:
        self._admins = admins
        self.ending = ending  # `end cohort`; None where it is not wired
        self._matching = matching
        self._counts, self._clock = counts
        self._links = links  # None: no encryption key to sign download links with
        self._name = matching.programme.name

    @property
    def programme_name(self) -> str:
        """The programme's name, for the cards."""
        return self._name

    async def may(self, actor: str | None, action: str) -> bool:
        """Whether `actor` is an administrator; a refusal is written to the audit log."""
        return await self._admins.check(actor, action, "cohort")

    async def run_matching(self, actor: str) -> MatchingSummaryView | CohortNotice | None:
        """The matching as it would be published; changes nothing. None: refused."""
        if not await self.may(actor, "cohort.run_matching"):
            return None
        cohort = await self._matching.cohort()
        try:
            result, participants = await self._matching.run(cohort)
        except NothingToMatch as nothing:
            return CohortNotice("Nothing to match yet", f"{str(nothing).capitalize()}.")
        await self._admins.record(actor, "cohort.run_matching", f"cohort:{cohort.id}")
        bands = {label: 0 for _, label in BANDS}
        for pair in result.pairs:
            label = next(label for floor, label in BANDS if pair.score >= floor)
            bands[label] += 1
        unmatched = tuple(
            (
                participants.people[u.mentee].name if u.mentee in participants.people else u.mentee,
                u.reason,
            )
            for u in result.unmatched
        )
        return MatchingSummaryView(
            self._name,
            mentees=len(participants.mentees),
            mentors=sum(1 for m in participants.mentors if m.capacity > 0),
            matched=result.matched,
            certified=result.certified_optimal,
            score_bands=tuple(bands.items()),
            unmatched=unmatched,
        )

    async def publish(
        self, actor: str, progress: Callable[[PublishProgressView], Awaitable[None]]
    ) -> PublishProgressView | None:
        """Send the cards of the matching through the paced queue; None: refused."""
        if not await self.may(actor, "cohort.publish"):
            return None
        cohort = await self._matching.cohort()

        async def told(done: int, total: int) -> None:
            await progress(PublishProgressView(self._name, done, total))

        try:
            report = await self._matching.publish(cohort, told, actor=actor)
        except NothingToMatch as nothing:
            if cohort.status != PUBLISHED:
                return PublishProgressView(self._name, 0, 0, True, problem=str(nothing))
            # Published before and nobody is left to match: that is "nothing sent twice".
            report = PublishReport(self._matching.programme.matching.mode)
        lines = (
            ("Suggestions sent", report.suggestions_sent),
            ("Pairs created", report.pairs_created),
            ("Without a mentor", report.unmatched),
            ("Already published (nothing sent again)", report.already_published),
            ("Not reachable yet (Tandem not installed)", report.unreachable),
        )
        total = report.suggestions_sent + report.pairs_created + report.unmatched
        return PublishProgressView(
            self._name, total, total, True, tuple((k, str(v)) for k, v in lines)
        )

    async def status(self, actor: str) -> FunnelView | None:
        """The cohort's funnel; None: refused."""
        if not await self.may(actor, "cohort.status"):
            return None
        cohort = await self._matching.cohort()
        programme = self._matching.programme
        # The dashboard's own funnel (one statement), so the channel and the tab agree.
        counted = await self._counts.dashboard_sections(
            cohort.id, self._clock.now(), programme.sessions.planned, ("funnel",)
        )
        mentors = await self._matching.store.count_applications(cohort.id, Role.MENTOR)
        stages = funnel_stages(dict(counted["funnel"]), mentors, programme.sessions.planned)
        return FunnelView(self._name, cohort.status, stages, ending_line(cohort))

    async def export(self, actor: str) -> CohortNotice | None:
        """Send the asking administrator (only them) a download link of the pairs' CSV."""
        if not await self.may(actor, "cohort.export"):
            return None
        if self._links is None:
            return CohortNotice("Export unavailable", "Set TANDEM_ENCRYPTION_KEYS to sign links.")
        cohort = await self._matching.cohort()
        pairs = len(await self._matching.store.pairings(cohort.id, status=None))
        url = self._links.link_for(cohort.id, actor)
        view = ExportLinkView(self._name, url, LINK_MINUTES, pairs)
        sent = await self._matching.notifier.notify(actor, view)
        await self._admins.record(actor, "cohort.export_link", f"cohort:{cohort.id}")
        if sent is None:
            return CohortNotice(
                "Open your personal chat with Tandem first",
                "The export goes only to you, in your personal chat with Tandem, which Teams "
                "has not opened yet. Open Tandem from Apps, then type “export” here again.",
            )
        return CohortNotice(
            "Export sent to you",
            f"The CSV of {pairs} pairs is in your personal chat with Tandem; its link works for "
            f"{LINK_MINUTES} minutes, and each download is recorded in the audit log.",
        )

    async def set_registration(self, actor: str, open_: bool) -> CohortNotice | None:
        """Open or close registration for the current edition; None: refused."""
        action = "cohort.open_registration" if open_ else "cohort.close_registration"
        if not await self.may(actor, action):
            return None
        cohort = await self._matching.cohort()
        want, have = (OPEN, CLOSED) if open_ else (CLOSED, OPEN)
        if cohort.status == want:
            return CohortNotice("Nothing to change", _registration_text(open_, already=True))
        if cohort.status == ENDED:
            return CohortNotice(
                "The cohort has ended",
                "This edition was ended with “end cohort”; registration stays closed.",
            )
        if cohort.status != have:
            return CohortNotice(
                "Registration cannot reopen",
                "The matching of this edition was published; registration stays closed.",
            )
        with contextlib.suppress(StaleRecord):  # another administrator did it meanwhile
            await self._matching.store.set_cohort_status(cohort.id, want, have)
        await self._admins.record(actor, action, f"cohort:{cohort.id}")
        return CohortNotice(
            "Registration open" if open_ else "Registration closed",
            _registration_text(open_, already=False),
        )


def _registration_text(open_: bool, already: bool) -> str:
    if open_:
        state = "was already open" if already else "is open again"
        return f"Registration {state}: people can apply within the preset's dates."
    state = "was already closed" if already else "is closed"
    return f"Registration {state}: no new applications are accepted; type “run matching”."
