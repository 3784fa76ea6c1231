"""The programme dashboard: the store's counts, and the unmatched mentees with the rule that
binds each, from the matching engine (re-run only when what it depends on has changed)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Protocol

from teams_app.domain.dashboard import DashboardFigures
from teams_app.domain.programme import Programme
from teams_app.domain.questionnaire import Questionnaire
from teams_app.services.cohort_ending import ending_line
from teams_app.services.cohort_matching import CohortMatching, NothingToMatch
from teams_app.services.ports import Clock


class DashboardStore(Protocol):
    """The aggregated reads of the dashboard."""

    async def dashboard_figures(
        self, cohort_id: int, now: datetime, planned: int
    ) -> DashboardFigures:
        """Counts of one cohort."""
        ...

    async def dashboard_version(self, cohort_id: int) -> tuple[Any, ...]:
        """A value that changes whenever anything counted changes; its first five parts
        whenever the matching of the unpaired could change."""
        ...


@dataclass(frozen=True)
class UnmatchedMentee:
    """A mentee the matching cannot pair, and the rule that stands in the way."""

    mentee: str
    rule: str


@dataclass(frozen=True)
class DashboardView:
    """The whole dashboard of the current edition."""

    cohort_id: int | None
    figures: DashboardFigures
    unmatched: tuple[UnmatchedMentee, ...]
    now: datetime
    # Once `end cohort` ran: when it ended and when its personal data goes (or went); after
    # that only anonymous counts remain, which the tab says above the charts.
    notice: str | None = None

    def days_without_contact(self, started_at: datetime) -> int:
        """Whole days since a pairing started."""
        return max(0, (self.now - started_at).days)


EMPTY = DashboardFigures((), {}, (), (), ())


class Dashboard:
    """The administrators' view of the current edition."""

    def __init__(
        self,
        store: DashboardStore,
        matching: CohortMatching,
        clock: Clock,
        programme: Programme,
        questionnaire: Questionnaire,
    ) -> None:
        self._store = store
        self._matching = matching
        self._clock = clock
        self._programme = programme
        self._languages = _language_labels(questionnaire)
        self._unmatched: tuple[tuple[Any, ...], tuple[UnmatchedMentee, ...]] | None = None
        self._last: tuple[tuple[Any, ...], DashboardView] | None = None

    async def view(self) -> DashboardView:
        """The dashboard as it stands now."""
        cohort = await self._matching.store.find_cohort(self._programme.id, self._programme.edition)
        now = self._clock.now()
        if cohort is None:
            return DashboardView(None, EMPTY, (), now)
        # Held sessions and days without contact move with time: the counts last a minute at
        # most, and less whenever anything they count changes.
        stored = await self._store.dashboard_version(cohort.id)
        version = (cohort.id, now.replace(second=0, microsecond=0), *stored)
        notice = ending_line(cohort)
        if self._last is not None and self._last[0] == version:
            return replace(self._last[1], now=now, notice=notice)
        figures = await self._store.dashboard_figures(
            cohort.id, now, self._programme.sessions.planned
        )
        languages = tuple(
            (self._languages.get(label, label), n) for label, n in figures.pairs_by["language"]
        )
        figures = replace(figures, pairs_by=figures.pairs_by | {"language": languages})
        unmatched = await self._unmatched_in(cohort.id, (now.date(), *stored[:5]))
        view = DashboardView(cohort.id, figures, unmatched, now, notice)
        self._last = (version, view)
        return view

    async def _unmatched_in(
        self, cohort_id: int, fingerprint: tuple[Any, ...]
    ) -> tuple[UnmatchedMentee, ...]:
        key = (cohort_id, *fingerprint)
        if self._unmatched is not None and self._unmatched[0] == key:
            return self._unmatched[1]
        cohort = await self._matching.find(cohort_id)
        try:
            result, participants = await self._matching.run(cohort)
        except NothingToMatch:
            found: tuple[UnmatchedMentee, ...] = ()
        else:
            people = participants.people
            found = tuple(
                UnmatchedMentee(people[u.mentee].name if u.mentee in people else u.mentee, u.reason)
                for u in result.unmatched
            )
        self._unmatched = (key, found)
        return found


def _language_labels(questionnaire: Questionnaire) -> dict[str, str]:
    labels: dict[str, str] = {}
    for question in questionnaire.questions:
        if question.id in ("preferred_language", "languages"):
            labels |= {choice.id: choice.label for choice in question.choices}
    return labels


def chart_rows(view: DashboardView) -> dict[str, tuple[tuple[str, ...], Sequence[Sequence[Any]]]]:
    """Every chart as (header, rows), for CSV."""
    f = view.figures
    charts: dict[str, tuple[tuple[str, ...], Sequence[Sequence[Any]]]] = {
        "funnel": (("stage", "count"), f.funnel),
        "sessions_per_month": (("month", "count"), f.sessions_per_month),
        "first_contact_days": (("label", "count"), f.first_contact_days),
        "nudges": (("kind", "outcome", "count"), f.nudges),
        "unmatched": (("mentee", "rule"), [(u.mentee, u.rule) for u in view.unmatched]),
        "without_contact": (
            ("pairing_id", "mentee", "mentor", "days"),
            [
                (p.pairing_id, p.mentee, p.mentor, view.days_without_contact(p.started_at))
                for p in f.without_contact
            ],
        ),
    }
    for dimension, counts in f.pairs_by.items():
        charts[f"pairs_by_{dimension}"] = (("label", "count"), counts)
    return charts
