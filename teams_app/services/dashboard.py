"""The programme dashboard: the store's counts, and the unmatched mentees with the rule that
binds each, from the matching engine (re-run only when what it depends on has changed)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, fields, replace
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

    async def dashboard_sections(
        self, cohort_id: int, now: datetime, planned: int, sections: Collection[str]
    ) -> dict[str, Any]:
        """The named fields of DashboardFigures, counted afresh."""
        ...

    async def dashboard_version(self, cohort_id: int) -> dict[str, tuple[Any, ...]]:
        """For each field of DashboardFigures, and for "unmatched" (the matching of the
        unpaired), a value that changes whenever anything it counts changes."""
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
# Held sessions move with time: these sections are counted again at least every minute.
COUNTED_AT_NOW = frozenset({"funnel"})


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
        # Each section's counts with the version they were counted at, for one cohort.
        self._last: tuple[int, dict[str, tuple[Any, ...]], DashboardFigures] | None = None

    async def view(self) -> DashboardView:
        """The dashboard as it stands now."""
        cohort = await self._matching.store.find_cohort(self._programme.id, self._programme.edition)
        now = self._clock.now()
        if cohort is None:
            return DashboardView(None, EMPTY, (), now)
        stamps = await self._store.dashboard_version(cohort.id)
        figures = await self._figures(cohort.id, now, stamps)
        unmatched = await self._unmatched_in(cohort.id, (now.date(), *stamps["unmatched"]))
        return DashboardView(cohort.id, figures, unmatched, now, ending_line(cohort))

    async def _figures(
        self, cohort_id: int, now: datetime, stamps: dict[str, tuple[Any, ...]]
    ) -> DashboardFigures:
        """The last counts, with every section whose data changed since counted afresh."""
        minute = now.replace(second=0, microsecond=0)
        keys = {
            name: (*stamp, minute) if name in COUNTED_AT_NOW else stamp
            for name, stamp in stamps.items()
        }
        last = self._last if self._last is not None and self._last[0] == cohort_id else None
        stale = [name for name in _FIGURES if last is None or last[1].get(name) != keys[name]]
        if last is not None and not stale:
            return last[2]
        fresh = await self._store.dashboard_sections(
            cohort_id, now, self._programme.sessions.planned, stale
        )
        if "pairs_by" in fresh:
            fresh["pairs_by"] = fresh["pairs_by"] | {
                "language": tuple(
                    (self._languages.get(label, label), n)
                    for label, n in fresh["pairs_by"]["language"]
                )
            }
        figures = replace(last[2] if last is not None else EMPTY, **fresh)
        self._last = (cohort_id, keys, figures)
        return figures

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


_FIGURES = tuple(f.name for f in fields(DashboardFigures))


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
