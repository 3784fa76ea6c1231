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
            pairs_by = {
                name: await _pairs_by(db, cohort_id, column)
                for name, column in _dimensions().items()
            }
            return DashboardFigures(
                funnel=funnel,
                pairs_by=pairs_by,
                sessions_per_month=await self._per_month(db, cohort_id),
                first_contact_days=await self._first_contact(db, cohort_id),
                nudges=await _nudges(db, cohort_id),
                without_contact=await _without_contact(db, cohort_id),
            )

    async def matching_fingerprint(self, cohort_id: int) -> tuple[Any, ...]:
        """What the matching of the unpaired depends on; it changes when any of it changes."""
        in_cohort = ApplicationRow.cohort_id == cohort_id
        query = select(
            _count(ApplicationRow, in_cohort),
            select(func.max(ApplicationRow.updated_at)).where(in_cohort).scalar_subquery(),
            _count(PairingRow, PairingRow.cohort_id == cohort_id, PairingRow.status == "active"),
            _count(MentorRequestRow, MentorRequestRow.cohort_id == cohort_id),
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
    mentees = (ApplicationRow.cohort_id == cohort_id, ApplicationRow.role == "mentee")
    proposed = union(
        select(SuggestionsRow.mentee).where(SuggestionsRow.cohort_id == cohort_id),
        select(MentorRequestRow.mentee).where(MentorRequestRow.cohort_id == cohort_id),
        select(PairingRow.mentee).where(PairingRow.cohort_id == cohort_id),
    ).subquery()
    in_cohort = PairingRow.cohort_id == cohort_id
    contacted = exists().where(PairContactRow.pairing_id == PairingRow.id)
    held = (
        select(func.count())
        .select_from(SessionRow)
        .where(
            SessionRow.pairing_id == PairingRow.id,
            SessionRow.status == "scheduled",
            SessionRow.ends_at <= now,
        )
        .scalar_subquery()
    )
    mentee_count = func.count(PairingRow.mentee.distinct())
    query = select(
        _count(ApplicationRow, *mentees),
        _count(ApplicationRow, *mentees, ApplicationRow.status == "submitted"),
        select(func.count()).select_from(proposed).scalar_subquery(),
        select(mentee_count).where(in_cohort).scalar_subquery(),
        select(mentee_count).where(in_cohort, contacted).scalar_subquery(),
        select(mentee_count).where(in_cohort, held > 0).scalar_subquery(),
        select(mentee_count).where(in_cohort, held >= planned).scalar_subquery(),
    )
    counts = (await db.execute(query)).one()
    stages = ("applied", "eligible", "suggested", "paired", "first_contact", "active", "completed")
    return tuple((stage, int(n or 0)) for stage, n in zip(stages, counts, strict=True))


def _dimensions() -> dict[str, Any]:
    language = ApplicationRow.answers["preferred_language"].as_string()
    return {
        "duty_station": PersonRow.duty_station,
        "grade": PersonRow.grade,
        "language": language,
        "entity": PersonRow.entity,
    }


async def _pairs_by(
    db: AsyncConnection, cohort_id: int, column: Any
) -> tuple[tuple[str, int], ...]:
    label = func.coalesce(column, literal("not given"))
    query = (
        select(label, func.count())
        .select_from(PairingRow)
        .outerjoin(PersonRow, PersonRow.aad_object_id == PairingRow.mentee)
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
        .order_by(func.count().desc(), label)
    )
    return tuple((str(name), int(n)) for name, n in await db.execute(query))


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
    query = (
        select(kind, outcome, func.count())
        .select_from(JobRow)
        .join(PairingRow, JobRow.subject == subject)
        .where(PairingRow.cohort_id == cohort_id, JobRow.kind == "contact-check")
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
