"""The dashboard's counts for SqlStore, each one aggregated by the database (GROUP BY, COUNT),
so a cohort of thousands of pairs costs a handful of small result sets."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    Float,
    Integer,
    String,
    and_,
    bindparam,
    case,
    cast,
    exists,
    func,
    literal,
    select,
    union,
)
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.orm import aliased
from sqlalchemy.sql import ColumnElement

from teams_app.domain.dashboard import (
    FIRST_CONTACT_BUCKETS,
    NO_CONTACT_YET,
    DashboardFigures,
    PairWithoutContact,
)
from teams_app.storage import dashboard_indexes  # noqa: F401  (the indexes these counts read)
from teams_app.storage.column_types import UtcDateTime
from teams_app.storage.dashboard_stamps import COHORT, SECTION_DATA, stamp_parts, stamps_query
from teams_app.storage.pair_breakdowns import pairs_by as _pairs_by
from teams_app.storage.tables import (
    ApplicationRow,
    JobRow,
    MentorRequestRow,
    PairContactRow,
    PairingRow,
    PersonRow,
    SessionRow,
    SuggestionsRow,
)

WITHOUT_CONTACT_SHOWN = 200
_NUDGE_KINDS = ("mentee-reminder", "mentor-ping", "admin-alert")


FIGURES = tuple(name for name in SECTION_DATA if name != "unmatched")
# The statements are built once per dialect (building one costs more than running it on
# SQLite) and take the cohort, the time and the planned sessions as parameters.
NOW = bindparam("now", type_=UtcDateTime)
PLANNED = bindparam("planned", type_=Integer)


class DashboardRows:
    """Mixin of SqlStore (which provides these attributes)."""

    _engine: AsyncEngine
    _dialect: str

    async def dashboard_figures(
        self, cohort_id: int, now: datetime, planned: int
    ) -> DashboardFigures:
        """The cohort's funnel, breakdowns, sessions, contact times, nudges and silent pairs."""
        return DashboardFigures(**await self.dashboard_sections(cohort_id, now, planned, FIGURES))

    async def dashboard_sections(
        self, cohort_id: int, now: datetime, planned: int, sections: Collection[str]
    ) -> dict[str, Any]:
        """The named fields of DashboardFigures, each counted by the database."""
        params = {"cohort_id": cohort_id, "now": now, "planned": planned}
        counts: dict[str, Callable[[AsyncConnection, dict[str, Any], str], Awaitable[Any]]] = {
            "funnel": _funnel,
            "pairs_by": _pairs_by,
            "sessions_per_month": _per_month,
            "first_contact_days": _first_contact,
            "nudges": _nudges,
            "without_contact": _without_contact,
        }
        async with self._engine.connect() as db:
            return {
                name: await counts[name](db, params, self._dialect)
                for name in FIGURES
                if name in sections
            }

    async def dashboard_version(self, cohort_id: int) -> dict[str, tuple[Any, ...]]:
        """For each section of SECTION_DATA, a value that changes whenever anything it
        counts has changed.

        Each part reads an index or a small scan; together they cost far less than the
        counts, so an unchanged section is answered from its last counts.
        """
        stamps = await self._data_stamps(cohort_id)
        return {
            section: tuple(part for kind in kinds for part in stamps[kind])
            for section, kinds in SECTION_DATA.items()
        }

    async def _data_stamps(self, cohort_id: int) -> dict[str, tuple[Any, ...]]:
        parts = stamp_parts()
        async with self._engine.connect() as db:
            row = iter((await db.execute(stamps_query(), {"cohort_id": cohort_id})).one())
        return {kind: tuple(next(row) for _ in range(n)) for kind, n in parts.items()}


async def _per_month(
    db: AsyncConnection, params: dict[str, Any], dialect: str
) -> tuple[tuple[str, int], ...]:
    return tuple((str(m), int(n)) for m, n in await db.execute(_per_month_query(dialect), params))


@cache
def _per_month_query(dialect: str) -> Any:
    month = _month(dialect, SessionRow.starts_at)
    return (
        select(month, func.count())
        .join(PairingRow, PairingRow.id == SessionRow.pairing_id)
        .where(PairingRow.cohort_id == COHORT, SessionRow.status == "scheduled")
        .group_by(month)
        .order_by(month)
    )


async def _first_contact(
    db: AsyncConnection, params: dict[str, Any], dialect: str
) -> tuple[tuple[str, int], ...]:
    rows = await db.execute(_first_contact_query(dialect), params)
    found = {str(label): int(n) for label, n in rows}
    order = (*FIRST_CONTACT_BUCKETS, NO_CONTACT_YET)
    return tuple((label, found.get(label, 0)) for label in order)


@cache
def _first_contact_query(dialect: str) -> Any:
    first = (
        select(PairContactRow.pairing_id, func.min(PairContactRow.at).label("first"))
        .group_by(PairContactRow.pairing_id)
        .subquery()
    )
    days = _days(dialect, first.c.first, PairingRow.started_at)
    bucket = case(
        (first.c.first.is_(None), NO_CONTACT_YET),
        (days < 4, FIRST_CONTACT_BUCKETS[0]),
        (days < 8, FIRST_CONTACT_BUCKETS[1]),
        (days < 15, FIRST_CONTACT_BUCKETS[2]),
        (days < 31, FIRST_CONTACT_BUCKETS[3]),
        else_=FIRST_CONTACT_BUCKETS[4],
    )
    return (
        select(bucket, func.count())
        .select_from(PairingRow)
        .outerjoin(first, first.c.pairing_id == PairingRow.id)
        .where(PairingRow.cohort_id == COHORT)
        .group_by(bucket)
    )


def _month(dialect: str, column: Any) -> ColumnElement[str]:
    if dialect == "postgresql":
        return func.to_char(func.timezone("UTC", column), "YYYY-MM")
    return func.strftime("%Y-%m", column)


def _days(dialect: str, later: Any, earlier: Any) -> ColumnElement[Any]:
    if dialect == "postgresql":
        return cast(func.extract("epoch", later - earlier), Float) / 86400.0
    return cast(func.julianday(later) - func.julianday(earlier), Float)


def _count(model: Any, *where: ColumnElement[bool]) -> Any:
    return select(func.count()).select_from(model).where(*where).scalar_subquery()


async def _funnel(
    db: AsyncConnection, params: dict[str, Any], dialect: str
) -> tuple[tuple[str, int], ...]:
    counts = (await db.execute(_funnel_query(), params)).one()
    stages = ("applied", "eligible", "suggested", "paired", "first_contact", "active", "completed")
    return tuple((stage, int(n or 0)) for stage, n in zip(stages, counts, strict=True))


@cache
def _funnel_query() -> Any:
    """The seven stages in one statement: one round trip for the whole funnel."""
    mentees = and_(ApplicationRow.cohort_id == COHORT, ApplicationRow.role == "mentee")
    proposed = union(
        select(SuggestionsRow.mentee).where(SuggestionsRow.cohort_id == COHORT),
        select(MentorRequestRow.mentee).where(MentorRequestRow.cohort_id == COHORT),
        select(PairingRow.mentee).where(PairingRow.cohort_id == COHORT),
    ).subquery()
    pairs = _pair_stages().subquery()
    return select(
        _count(ApplicationRow, mentees),
        _count(ApplicationRow, mentees, ApplicationRow.status == "submitted"),
        select(func.count()).select_from(proposed).scalar_subquery(),
        *pairs.c,
    )


def _pair_stages() -> Any:
    """Mentees paired, contacted, with a held session, with every planned session held."""
    # One pass over the cohort's pairings, each joined to its held sessions and first contact.
    held = (
        select(SessionRow.pairing_id, func.count().label("n"))
        .where(SessionRow.status == "scheduled", SessionRow.ends_at <= NOW)
        .group_by(SessionRow.pairing_id)
        .subquery()
    )
    contacts = select(PairContactRow.pairing_id).distinct().subquery()

    def mentees_where(condition: ColumnElement[bool]) -> Any:
        return func.count(case((condition, PairingRow.mentee)).distinct())

    return (
        select(
            func.count(PairingRow.mentee.distinct()),
            mentees_where(contacts.c.pairing_id.is_not(None)),
            mentees_where(held.c.n > 0),
            mentees_where(held.c.n >= PLANNED),
        )
        .outerjoin(held, held.c.pairing_id == PairingRow.id)
        .outerjoin(contacts, contacts.c.pairing_id == PairingRow.id)
        .where(PairingRow.cohort_id == COHORT)
    )


async def _nudges(
    db: AsyncConnection, params: dict[str, Any], dialect: str
) -> tuple[tuple[str, str, int], ...]:
    rows = await db.execute(_nudges_query(), params)
    return tuple((str(k), str(o), int(n)) for k, o, n in rows)


@cache
def _nudges_query() -> Any:
    kind = case(*((JobRow.key.endswith(":" + name), name) for name in _NUDGE_KINDS), else_="other")
    outcome = case(
        (and_(JobRow.status == "done", JobRow.last_error.startswith("unreachable")), "unreachable"),
        (JobRow.status == "done", "sent"),
        (and_(JobRow.status == "cancelled", JobRow.last_error == "contact made"), "contact made"),
        (JobRow.status == "cancelled", "cancelled"),
        (JobRow.status == "failed", "failed"),
        else_="waiting",
    )
    subject = literal("pairing:", String) + cast(PairingRow.id, String)
    # IN (subquery) lets the database build the cohort's subjects once and probe it per job;
    # a join on the computed subject would compare every job with every pairing.
    subjects = select(subject).where(PairingRow.cohort_id == COHORT)
    return (
        select(kind, outcome, func.count())
        .where(JobRow.kind == "contact-check", JobRow.subject.in_(subjects))
        .group_by(kind, outcome)
        .order_by(kind, outcome)
    )


async def _without_contact(
    db: AsyncConnection, params: dict[str, Any], dialect: str
) -> tuple[PairWithoutContact, ...]:
    return tuple(
        PairWithoutContact(int(i), a or "A mentee", b or "A mentor", started)
        for i, a, b, started in await db.execute(_without_contact_query(), params)
    )


@cache
def _without_contact_query() -> Any:
    mentee, mentor = aliased(PersonRow), aliased(PersonRow)
    contacted = exists().where(PairContactRow.pairing_id == PairingRow.id)
    # The first pairs are chosen before the names are looked up: only theirs are read.
    silent = (
        select(PairingRow.id, PairingRow.mentee, PairingRow.mentor, PairingRow.started_at)
        .where(PairingRow.cohort_id == COHORT, PairingRow.status == "active", ~contacted)
        .order_by(PairingRow.started_at, PairingRow.id)
        .limit(WITHOUT_CONTACT_SHOWN)
        .subquery()
    )
    return (
        select(silent.c.id, mentee.name, mentor.name, silent.c.started_at)
        .outerjoin(mentee, mentee.aad_object_id == silent.c.mentee)
        .outerjoin(mentor, mentor.aad_object_id == silent.c.mentor)
        .order_by(silent.c.started_at, silent.c.id)
    )
