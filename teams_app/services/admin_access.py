"""Who may act as a programme administrator; every refusal is audited."""

from __future__ import annotations

from collections.abc import Collection

from teams_app.domain.audit import AuditEntry
from teams_app.services.ports import Clock, Store


class Administrators:
    """The configured administrators (Entra object ids)."""

    def __init__(self, ids: Collection[str], store: Store, clock: Clock) -> None:
        self._ids = frozenset(ids)
        self._store = store
        self._clock = clock

    @property
    def ids(self) -> tuple[str, ...]:
        """Every configured administrator, sorted."""
        return tuple(sorted(self._ids))

    def allowed(self, person: str | None) -> bool:
        """Whether `person` is an administrator."""
        return person is not None and person in self._ids

    async def check(self, person: str | None, action: str, subject: str) -> bool:
        """True for an administrator; otherwise write the refusal to the audit log."""
        if self.allowed(person):
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
