"""Administrators reading a registration, confidential answers included: each read audited."""

from __future__ import annotations

from dataclasses import dataclass

from teams_app.domain.applications import Application
from teams_app.domain.audit import AuditEntry
from teams_app.domain.people import Person
from teams_app.domain.programme import Programme, Role
from teams_app.domain.questionnaire import Questionnaire
from teams_app.services.admin_access import Administrators
from teams_app.services.ports import Clock, Store
from teams_app.services.signup_answers import summary_sections
from teams_app.services.signup_views import SummarySection

MAX_REASON = 300


class ReadRefused(Exception):
    """The read is not allowed or not possible; the message says why, in one line."""


@dataclass(frozen=True)
class AdminApplicationView:
    """A whole application as an administrator reads it."""

    person: Person
    application: Application
    sections: tuple[SummarySection, ...]


class AdminReads:
    """The only way answers marked `admin` or `confidential` leave the store for a person."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        programme: Programme,
        questionnaire: Questionnaire,
        admins: Administrators,
    ) -> None:
        self._store = store
        self._clock = clock
        self._programme = programme
        self._questionnaire = questionnaire
        self._admins = admins

    async def application(
        self, admin: str, email: str, role: Role, reason: str
    ) -> AdminApplicationView:
        """One person's application in the current edition; audited (who, whose, why)."""
        why = " ".join(reason.split())[:MAX_REASON]
        if not await self._admins.allowed(admin):
            await self._audit(admin, "confidential.read_refused", f"person:{email}", why)
            raise ReadRefused(f"{admin} is not a programme administrator (TANDEM_ADMINS)")
        if not why:
            raise ReadRefused("say why you read this record (--reason): the audit keeps it")
        person = next(
            (p for p in await self._store.list_people() if p.email.casefold() == email.casefold()),
            None,
        )
        if person is None:
            raise ReadRefused(f"nobody with the e-mail {email} is known to Tandem")
        cohort = await self._store.ensure_cohort(self._programme.id, self._programme.edition)
        application = await self._store.get_application(cohort.id, person.aad_object_id, role)
        if application is None or application.id is None:
            raise ReadRefused(f"{email} has no {role.value} application in this edition")
        await self._audit(admin, "confidential.read", f"application:{application.id}", why)
        sections, _ = summary_sections(self._questionnaire, role, application)
        return AdminApplicationView(person, application, sections)

    async def _audit(self, admin: str, action: str, subject: str, why: str) -> None:
        # The reason is the administrator's own words; the answers read are never copied here.
        detail = {"reason": why} if why else {}
        await self._store.append_audit(
            AuditEntry(self._clock.now(), admin, action, subject, detail)
        )
