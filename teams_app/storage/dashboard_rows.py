"""The dashboard's counts for SqlStore, each one aggregated by the database (GROUP BY, COUNT),
so a cohort of thousands of pairs costs a handful of small result sets."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Float,
    String,
    and_,
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


class DashboardRows:
    """Mixin of SqlStore (which provides these attributes)."""

    _engine: AsyncEngine
    _dialect: str

    async def dashboard_figures(
        self, cohort_id: int, now: datetime, planned: int
    ) -> DashboardFigures:
        """The cohort's funnel, breakdowns, sessions, contact times, nudges and silent pairs."""
        async with self._engine.connect() as db:
            funnel = await _funnel(db, cohort_id, now, planned)
            by_person = await _pairs_by_person(db, cohort_id)
            pairs_by = {
                "duty_station": by_person["duty_station"],
                "grade": by_person["grade"],
                "language": await _pairs_by_language(db, cohort_id),
                "entity": by_person["entity"],
            }
            return DashboardFigures(
                funnel=funnel,
                pairs_by=pairs_by,
                sessions_per_month=await self._per_month(db, cohort_id),
                first_contact_days=await self._first_contact(db, cohort_id),
                nudges=await _nudges(db, cohort_id),
                without_contact=await _without_contact(db, cohort_id),
            )

    async def dashboard_version(self, cohort_id: int) -> tuple[Any, ...]:
        """A value that changes whenever anything the dashboard counts has changed; its
        first five parts change whenever the matching of the unpaired could change.

        Each part reads an index or a small scan; together they cost far less than the
        counts, so an unchanged cohort is answered from the last counts.
        """
        in_cohort = ApplicationRow.cohort_id == cohort_id
        query = select(
            _count(ApplicationRow, in_cohort),
            select(func.max(ApplicationRow.updated_at)).where(in_cohort).scalar_subquery(),
            _count(PairingRow, PairingRow.cohort_id == cohort_id),
            select(func.sum(PairingRow.version))
            .where(PairingRow.cohort_id == cohort_id)
            .scalar_subquery(),
            _count(MentorRequestRow, MentorRequestRow.cohort_id == cohort_id),
            _count(SuggestionsRow, SuggestionsRow.cohort_id == cohort_id),
            select(func.max(SessionRow.updated_at)).scalar_subquery(),
            select(func.max(SessionRow.id)).scalar_subquery(),
            select(func.max(PairContactRow.id)).scalar_subquery(),
            select(func.max(JobRow.updated_at)).scalar_subquery(),
            select(func.max(PersonRow.updated_at)).scalar_subquery(),
        )
        async with self._engine.connect() as db:
            return tuple((await db.execute(query)).one())

    async def _per_month(self, db: AsyncConnection, cohort_id: int) -> tuple[tuple[str, int], ...]:
        month = self._month(SessionRow.starts_at)
        query = (
            select(month, func.count())
            .join(PairingRow, PairingRow.id == SessionRow.pairing_id)
            .where(PairingRow.cohort_id == cohort_id, SessionRow.status == "scheduled")
            .group_by(month)
            .order_by(month)
        )
        return tuple((str(m), int(n)) for m, n in await db.execute(query))

    async def _first_contact(
        self, db: AsyncConnection, cohort_id: int
    ) -> tuple[tuple[str, int], ...]:
        first = (
            select(PairContactRow.pairing_id, func.min(PairContactRow.at).label("first"))
            .group_by(PairContactRow.pairing_id)
            .subquery()
        )
        days = self._days(first.c.first, PairingRow.started_at)
        bucket = case(
            (first.c.first.is_(None), NO_CONTACT_YET),
            (days < 4, FIRST_CONTACT_BUCKETS[0]),
            (days < 8, FIRST_CONTACT_BUCKETS[1]),
            (days < 15, FIRST_CONTACT_BUCKETS[2]),
            (days < 31, FIRST_CONTACT_BUCKETS[3]),
            else_=FIRST_CONTACT_BUCKETS[4],
        )
        query = (
            select(bucket, func.count())
            .select_from(PairingRow)
            .outerjoin(first, first.c.pairing_id == PairingRow.id)
            .where(PairingRow.cohort_id == cohort_id)
            .group_by(bucket)
        )
        found = {str(label): int(n) for label, n in await db.execute(query)}
        order = (*FIRST_CONTACT_BUCKETS, NO_CONTACT_YET)
        return tuple((label, found.get(label, 0)) for label in order)

    def _month(self, column: Any) -> ColumnElement[str]:
        if self._dialect == "postgresql":
            return func.to_char(func.timezone("UTC", column), "YYYY-MM")
        return func.strftime("%Y-%m", column)

    def _days(self, later: Any, earlier: Any) -> ColumnElement[Any]:
        if self._dialect == "postgresql":
            return cast(func.extract("epoch", later - earlier), Float) / 86400.0
        return cast(func.julianday(later) - func.julianday(earlier), Float)


def _count(model: Any, *where: ColumnElement[bool]) -> Any:
    return select(func.count()).select_from(model).where(*where).scalar_subquery()


async def _funnel(
    db: AsyncConnection, cohort_id: int, now: datetime, planned: int
) -> tuple[tuple[str, int], ...]:
    applications = select(
        func.count(), func.count(case((ApplicationRow.status == "submitted", 1)))
    ).where(ApplicationRow.cohort_id == cohort_id, ApplicationRow.role == "mentee")
    applied, eligible = (await db.execute(applications)).one()
    proposed = union(
        select(SuggestionsRow.mentee).where(SuggestionsRow.cohort_id == cohort_id),
        select(MentorRequestRow.mentee).where(MentorRequestRow.cohort_id == cohort_id),
        select(PairingRow.mentee).where(PairingRow.cohort_id == cohort_id),
    ).subquery()
    suggested = (await db.execute(select(func.count()).select_from(proposed))).scalar_one()
    # One pass over the cohort's pairings, each joined to its held sessions and first contact.
    held = (
        select(SessionRow.pairing_id, func.count().label("n"))
        .where(SessionRow.status == "scheduled", SessionRow.ends_at <= now)
        .group_by(SessionRow.pairing_id)
        .subquery()
    )
    contacts = select(PairContactRow.pairing_id).distinct().subquery()

    def mentees_where(condition: ColumnElement[bool]) -> Any:
        return func.count(case((condition, PairingRow.mentee)).distinct())

    pairs = (
        select(
            func.count(PairingRow.mentee.distinct()),
            mentees_where(contacts.c.pairing_id.is_not(None)),
            mentees_where(held.c.n > 0),
            mentees_where(held.c.n >= planned),
        )
        .outerjoin(held, held.c.pairing_id == PairingRow.id)
        .outerjoin(contacts, contacts.c.pairing_id == PairingRow.id)
        .where(PairingRow.cohort_id == cohort_id)
    )
    paired, contacted, active, completed = (await db.execute(pairs)).one()
    counts = (applied, eligible, suggested, paired, contacted, active, completed)
    stages = ("applied", "eligible", "suggested", "paired", "first_contact", "active", "completed")
    return tuple((stage, int(n or 0)) for stage, n in zip(stages, counts, strict=True))


PERSON_DIMENSIONS = ("duty_station", "grade", "entity")
NOT_GIVEN = "not given"


async def _pairs_by_person(
    db: AsyncConnection, cohort_id: int
) -> dict[str, tuple[tuple[str, int], ...]]:
    """Pairs by the mentee's duty station, grade and entity: one GROUP BY over the three."""
    columns = [func.coalesce(getattr(PersonRow, name), NOT_GIVEN) for name in PERSON_DIMENSIONS]
    query = (
        select(*columns, func.count())
        .select_from(PairingRow)
        .outerjoin(PersonRow, PersonRow.aad_object_id == PairingRow.mentee)
        .where(PairingRow.cohort_id == cohort_id)
        .group_by(*columns)
    )
    totals: dict[str, dict[str, int]] = {name: {} for name in PERSON_DIMENSIONS}
    for *labels, n in await db.execute(query):
        for name, label in zip(PERSON_DIMENSIONS, labels, strict=True):
            totals[name][str(label)] = totals[name].get(str(label), 0) + int(n)
    return {name: _ranked(counts) for name, counts in totals.items()}


async def _pairs_by_language(db: AsyncConnection, cohort_id: int) -> tuple[tuple[str, int], ...]:
    """Pairs by the mentee's preferred language for sessions (a choice id)."""
    label = func.coalesce(ApplicationRow.answers["preferred_language"].as_string(), NOT_GIVEN)
    query = (
        select(label, func.count())
        .select_from(PairingRow)
        .outerjoin(
            ApplicationRow,
            and_(
                ApplicationRow.cohort_id == PairingRow.cohort_id,
                ApplicationRow.person_aad_id == PairingRow.mentee,
                ApplicationRow.role == "mentee",
            ),
        )
        .where(PairingRow.cohort_id == cohort_id)
        .group_by(label)
    )
    return _ranked({str(name): int(n) for name, n in await db.execute(query)})


def _ranked(counts: dict[str, int]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


async def _nudges(db: AsyncConnection, cohort_id: int) -> tuple[tuple[str, str, int], ...]:
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
    subjects = select(subject).where(PairingRow.cohort_id == cohort_id)
    query = (
        select(kind, outcome, func.count())
        .where(JobRow.kind == "contact-check", JobRow.subject.in_(subjects))
        .group_by(kind, outcome)
        .order_by(kind, outcome)
    )
    return tuple((str(k), str(o), int(n)) for k, o, n in await db.execute(query))


async def _without_contact(db: AsyncConnection, cohort_id: int) -> tuple[PairWithoutContact, ...]:
    mentee, mentor = aliased(PersonRow), aliased(PersonRow)
    contacted = exists().where(PairContactRow.pairing_id == PairingRow.id)
    query = (
        select(PairingRow.id, mentee.name, mentor.name, PairingRow.started_at)
        .outerjoin(mentee, mentee.aad_object_id == PairingRow.mentee)
        .outerjoin(mentor, mentor.aad_object_id == PairingRow.mentor)
        .where(PairingRow.cohort_id == cohort_id, PairingRow.status == "active", ~contacted)
        .order_by(PairingRow.started_at, PairingRow.id)
        .limit(WITHOUT_CONTACT_SHOWN)
    )
    return tuple(
        PairWithoutContact(int(i), a or "A mentee", b or "A mentor", started)
        for i, a, b, started in await db.execute(query)
    )
