"""The dashboard's data version: for each kind of data a cohort's counts read, a few
values (a count, the newest change) that change whenever that data does. Each is an index
lookup or a small scan, so checking costs far less than counting again."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Integer, bindparam, func, select

from teams_app.storage.tables import (
    ApplicationRow,
    CohortRow,
    JobRow,
    MentorRequestRow,
    PairContactRow,
    PairingRow,
    PersonRow,
    SessionRow,
    SuggestionsRow,
)

COHORT = bindparam("cohort_id", type_=Integer)

# What each section of the dashboard counts, by kind of data (the parts of `stamps_query`):
# a section is counted again only when one of these has changed. "unmatched" is the matching
# engine's input. Every section also follows the cohort's end and the erasure of its
# personal data, which change what each of them shows.
_SECTION_DATA: dict[str, tuple[str, ...]] = {
    "funnel": ("applications", "suggestions", "requests", "pairings", "sessions", "contacts"),
    "pairs_by": ("pairings", "people", "applications"),
    "sessions_per_month": ("pairings", "sessions"),
    "first_contact_days": ("pairings", "contacts"),
    "nudges": ("pairings", "jobs"),
    "without_contact": ("pairings", "contacts", "people"),
    "unmatched": ("applications", "pairings", "requests"),
}
SECTION_DATA = {section: ("cohort", *kinds) for section, kinds in _SECTION_DATA.items()}


@cache
def _stamp_columns() -> dict[str, tuple[Any, ...]]:
    in_cohort = ApplicationRow.cohort_id == COHORT
    this_cohort = CohortRow.id == COHORT
    return {
        "cohort": (
            select(CohortRow.ended_at).where(this_cohort).scalar_subquery(),
            select(CohortRow.personal_data_deleted_at).where(this_cohort).scalar_subquery(),
        ),
        # A count, the sum of compare-and-set versions (every change raises one, even at the
        # same instant of a test's frozen clock) and, where kept, the newest change.
        "applications": (
            _count(ApplicationRow, in_cohort),
            _versions(ApplicationRow, in_cohort),
            select(func.max(ApplicationRow.updated_at)).where(in_cohort).scalar_subquery(),
        ),
        "pairings": (
            _count(PairingRow, PairingRow.cohort_id == COHORT),
            _versions(PairingRow, PairingRow.cohort_id == COHORT),
        ),
        "requests": (
            _count(MentorRequestRow, MentorRequestRow.cohort_id == COHORT),
            _versions(MentorRequestRow, MentorRequestRow.cohort_id == COHORT),
        ),
        "suggestions": (
            _count(SuggestionsRow, SuggestionsRow.cohort_id == COHORT),
            _versions(SuggestionsRow, SuggestionsRow.cohort_id == COHORT),
        ),
        "sessions": (
            select(func.max(SessionRow.updated_at)).scalar_subquery(),
            select(func.max(SessionRow.id)).scalar_subquery(),
        ),
        "contacts": (select(func.max(PairContactRow.id)).scalar_subquery(),),
        "jobs": (select(func.max(JobRow.updated_at)).scalar_subquery(),),
        "people": (select(func.max(PersonRow.updated_at)).scalar_subquery(),),
    }


def stamp_parts() -> dict[str, int]:
    """How many columns of stamps_query each kind of data has, in order."""
    return {kind: len(columns) for kind, columns in _stamp_columns().items()}


@cache
def stamps_query() -> Any:
    """One row: for each kind of data, the counts and newest changes that stamp it."""
    return select(*(column for columns in _stamp_columns().values() for column in columns))


def _count(model: Any, *where: Any) -> Any:
    return select(func.count()).select_from(model).where(*where).scalar_subquery()


def _versions(model: Any, *where: Any) -> Any:
    return select(func.coalesce(func.sum(model.version), 0)).where(*where).scalar_subquery()
