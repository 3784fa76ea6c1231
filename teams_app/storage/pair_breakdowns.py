"""The dashboard's pairs by the mentee's duty station, grade, entity and language, each
counted by the database (GROUP BY) from the covering indexes of migration 0011."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from teams_app.storage.dashboard_stamps import COHORT
from teams_app.storage.tables import ApplicationRow, PairingRow, PersonRow

PERSON_DIMENSIONS = ("duty_station", "grade", "entity")


async def pairs_by(
    db: AsyncConnection, params: dict[str, Any], dialect: str
) -> dict[str, tuple[tuple[str, int], ...]]:
    """Pairs by the mentee's duty station, grade, preferred language and entity."""
    totals: dict[str, dict[str, int]] = {name: {} for name in PERSON_DIMENSIONS}
    for *labels, n in await db.execute(_by_person_query(), params):
        for name, label in zip(PERSON_DIMENSIONS, labels, strict=True):
            totals[name][str(label)] = totals[name].get(str(label), 0) + int(n)
    languages = {str(name): int(n) for name, n in await db.execute(_by_language_query(), params)}
    return {
        "duty_station": _ranked(totals["duty_station"]),
        "grade": _ranked(totals["grade"]),
        "language": _ranked(languages),
        "entity": _ranked(totals["entity"]),
    }


NOT_GIVEN = "not given"


@cache
def _by_person_query() -> Any:
    """Pairs by the mentee's duty station, grade and entity: one GROUP BY over the three."""
    columns = [func.coalesce(getattr(PersonRow, name), NOT_GIVEN) for name in PERSON_DIMENSIONS]
    return (
        select(*columns, func.count())
        .select_from(PairingRow)
        .outerjoin(PersonRow, PersonRow.aad_object_id == PairingRow.mentee)
        .where(PairingRow.cohort_id == COHORT)
        .group_by(*columns)
    )


@cache
def _by_language_query() -> Any:
    """Pairs by the mentee's preferred language for sessions (a choice id)."""
    label = func.coalesce(ApplicationRow.answers["preferred_language"].as_string(), NOT_GIVEN)
    return (
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
        .where(PairingRow.cohort_id == COHORT)
        .group_by(label)
    )


def _ranked(counts: dict[str, int]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
