"""Staff rows of an HR file: a person's HR data, checked before it prefills their answers."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Container
from dataclasses import dataclass, replace
from datetime import date

from teams_app.domain.import_rows import ID_COLUMN, read_aad_object_id, read_email, read_name
from teams_app.domain.import_table import Rejected, SourceRow, shown
from teams_app.domain.people import Person

STAFF_COLUMNS = (
    "email", "name", "grade", "entry_date", "duty_station", "time_zone",
    "entity", "unit", "job_network",
)  # fmt: skip
# HR's gender column is read past: it is diversity data, which Tandem keeps only as the
# person's own confidential answer, never copied from HR onto their record.
IGNORED_HR_COLUMNS = ("gender",)
STAFF_OPTIONAL = (ID_COLUMN, *IGNORED_HR_COLUMNS)
PLACEHOLDER_PREFIX = "hr:"
# The people table's column sizes (teams_app/storage/tables.py), which PostgreSQL enforces.
MAX_ID = 64
_TEXT_LIMITS = {
    "grade": 20,
    "duty_station": 100,
    "entity": 100,
    "unit": 200,
    "job_network": 100,
}
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def placeholder_id(email: str) -> str:
    """The id a person imported without an Entra object id is kept under until they appear."""
    wanted = PLACEHOLDER_PREFIX + email.lower()
    if len(wanted) <= MAX_ID:
        return wanted
    # The id column holds 64 characters: longer addresses keep a stable digest instead.
    digest = hashlib.sha256(email.lower().encode()).hexdigest()
    return f"{PLACEHOLDER_PREFIX}sha256:{digest[: MAX_ID - len(PLACEHOLDER_PREFIX) - 7]}"


def is_placeholder(aad_object_id: str) -> bool:
    """Whether a person is still kept under the placeholder of an HR import."""
    return aad_object_id.startswith(PLACEHOLDER_PREFIX)


@dataclass(frozen=True)
class StaffRecord:
    """One accepted HR row: the person it describes, keyed once the import knows by what."""

    line: int
    aad_object_id: str | None  # from the file, when it has the column
    details: Person  # under an empty id until `person()` gives the key

    @property
    def email(self) -> str:
        """The e-mail the row is matched by."""
        return self.details.email

    def person(self, aad_object_id: str) -> Person:
        """The person this row describes, kept under `aad_object_id`."""
        return replace(self.details, aad_object_id=aad_object_id)


def read_staff(row: SourceRow, time_zones: Container[str], today: date) -> StaffRecord | Rejected:
    """The HR record in `row`, or every reason it cannot be imported.

    `time_zones` holds the IANA zone ids the system knows; a blank HR field stays unknown.
    """
    if row.problem:
        return Rejected(row.line, (row.problem,))
    values = row.values
    reasons: list[str] = []
    email = read_email(values.get("email", ""), reasons)
    name = read_name(values.get("name", ""), reasons)
    aad_object_id = read_aad_object_id(values.get(ID_COLUMN, ""), reasons)
    texts = {column: _text(column, values.get(column, ""), reasons) for column in _TEXT_LIMITS}
    entry_date = _entry_date(values.get("entry_date", ""), today, reasons)
    time_zone = _time_zone(values.get("time_zone", ""), time_zones, reasons)
    if reasons or email is None or name is None:
        return Rejected(row.line, tuple(reasons))
    details = Person(
        aad_object_id="",
        email=email,
        name=name,
        grade=texts["grade"],
        entry_date=entry_date,
        duty_station=texts["duty_station"],
        time_zone=time_zone,
        entity=texts["entity"],
        unit=texts["unit"],
        job_network=texts["job_network"],
    )
    return StaffRecord(row.line, aad_object_id, details)


def _text(column: str, cell: str, reasons: list[str]) -> str | None:
    text = " ".join(_CONTROL.sub(" ", cell).split())
    limit = _TEXT_LIMITS[column]
    if len(text) > limit:
        reasons.append(f"{column}: longer than {limit} characters")
        return None
    return text or None


def _entry_date(cell: str, today: date, reasons: list[str]) -> date | None:
    text = cell.strip()
    if not text:
        return None
    try:
        day = date.fromisoformat(text) if _ISO_DAY.fullmatch(text) else None
    except ValueError:
        day = None
    if day is None:
        reasons.append(f"entry_date: {shown(cell)} is not a date written like 2019-03-01")
    elif day > today:
        reasons.append(f"entry_date: {day.isoformat()} is in the future")
        return None
    return day


def _time_zone(cell: str, time_zones: Container[str], reasons: list[str]) -> str | None:
    zone = cell.strip()
    if zone and zone not in time_zones:
        reasons.append(f"time_zone: {shown(cell)} is not an IANA time zone such as Europe/Zurich")
        return None
    return zone or None
