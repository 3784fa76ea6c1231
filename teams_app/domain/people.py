"""People known to Tandem, as HR or the directory describes them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Person:
    """A staff member; `aad_object_id` is their Microsoft Entra object id."""

    aad_object_id: str
    email: str
    name: str
    grade: str | None = None
    entry_date: date | None = None
    duty_station: str | None = None
    time_zone: str | None = None
    entity: str | None = None
    unit: str | None = None
    job_network: str | None = None
