"""Who may act as a programme administrator; every refusal is audited."""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol

from teams_app.domain.audit import AuditEntry
from teams_app.services.ports import Clock, Store


class AdminRoster(Protocol):
    """The members of the team configured as the administrators' (TANDEM_ADMIN_TEAM_ID)."""

    async def is_member(self, person: str) -> bool:
        """Whether `person` (Entra object id) is a member of that team now."""
        ...


class Administrators:
    """The configured administrators (Entra object ids), and the members of the admins' team."""

    def __init__(
        self, ids: Collection[str], store: Store, clock: Clock, roster: AdminRoster | None = None
    ) -> None:
        self._ids = frozenset(ids)
        self._store = store
        self._clock = clock
        self._roster = roster

    @property
    def ids(self) -> tuple[str, ...]:
        """Every configured administrator, sorted."""
        return tuple(sorted(self._ids))

    async def allowed(self, person: str | None) -> bool:
        """Whether `person` is an administrator: configured, or in the administrators' team."""
        if person is None or person == "unknown":
            return False
        if person in self._ids:
            return True
        return self._roster is not None and await self._roster.is_member(person)

    async def check(self, person: str | None, action: str, subject: str) -> bool:
        """True for an administrator; otherwise write the refusal to the audit log."""
        if await self.allowed(person):
            return True
        await self._store.append_audit(
            AuditEntry(
                self._clock.now(),
                person or "unknown",
                "admin.refused",
                subject,
                {"attempted": action},
            )
        )
        return False

    async def record(
        self, person: str, action: str, subject: str, detail: dict[str, str] | None = None
    ) -> None:
        """Write an administrator's action to the audit log."""
        await self._store.append_audit(
            AuditEntry(self._clock.now(), person, action, subject, detail or {})
        )
