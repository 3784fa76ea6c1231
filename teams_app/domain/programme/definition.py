"""A mentoring programme as its preset describes it: identity, calendar and rules."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from teams_app.domain.programme.registration import Registration, RegistrationWindow, Role
from teams_app.domain.programme.rules import Eligibility, Matching, Reminders, Sessions


@dataclass(frozen=True)
class Programme:
    """One edition of a mentoring programme; built only by `parse_programme`."""

    id: str
    name: str
    organisation: str
    summary: str
    duration_months: int
    edition: str
    contact: str
    sessions: Sessions
    registration: Registration
    eligibility: Eligibility
    matching: Matching
    reminders: Reminders
    starts_on: date | None = None
    contact_name: str | None = None
    source: str = ""
    # Days after `end cohort` until the cohort's personal data is deleted.
    retention_days: int = 365

    def window_for(self, role: Role, entity: str | None) -> RegistrationWindow | None:
        """The registration window for `role` and someone of `entity`; None if none."""
        return self.registration.window_for(role, entity)

    def ends_on(self) -> date | None:
        """The day the mentoring period ends: `starts_on` plus the duration; None if rolling."""
        if self.starts_on is None:
            return None
        return add_months(self.starts_on, self.duration_months)


def add_months(day: date, months: int) -> date:
    """`day` moved `months` calendar months on, clamped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
