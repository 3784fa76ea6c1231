"""The ports the use cases need; adapters for them are wired in teams_app.bootstrap."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from teams_app.domain.applications import Application, Cohort
from teams_app.domain.audit import AuditEntry
from teams_app.domain.conversations import ConversationRecord
from teams_app.domain.people import Person


class Clock(Protocol):
    """The time source; tests move it."""

    def now(self) -> datetime:
        """The current time, timezone-aware (UTC)."""
        ...


class Store(Protocol):
    """Tandem's durable state."""

    async def ping(self) -> None:
        """Raise if the database cannot answer a trivial query."""
        ...

    async def save_conversation(self, record: ConversationRecord) -> None:
        """Insert or refresh a conversation reference (keyed by conversation id)."""
        ...

    async def get_conversation(self, conversation_id: str) -> ConversationRecord | None:
        """The stored reference of a conversation, if any."""
        ...

    async def personal_conversation_of(self, user_aad_id: str) -> ConversationRecord | None:
        """The personal (1:1) conversation with a person, if Tandem is installed for them."""
        ...

    async def mark_welcomed(self, conversation_id: str, at: datetime) -> bool:
        """Record that the welcome was sent; True only for the first caller (compare-and-set)."""
        ...

    async def upsert_person(self, person: Person) -> None:
        """Insert or update a person by their AAD object id."""
        ...

    async def get_person(self, aad_object_id: str) -> Person | None:
        """A person by AAD object id."""
        ...

    async def adopt_placeholder(self, email: str, aad_object_id: str) -> Person | None:
        """Move an HR-imported placeholder with this e-mail to the real id; None if none."""
        ...

    async def list_people(self) -> Sequence[Person]:
        """Everyone known, ordered by name."""
        ...

    async def append_audit(self, entry: AuditEntry) -> None:
        """Append one audit entry."""
        ...

    async def list_audit(self, limit: int = 100) -> Sequence[AuditEntry]:
        """The newest audit entries first."""
        ...

    async def ensure_cohort(self, programme_id: str, name: str) -> Cohort:
        """The cohort of one programme edition, created on first use."""
        ...

    async def find_cohort(self, programme_id: str, name: str) -> Cohort | None:
        """The cohort of one programme edition if it exists; never creates it."""
        ...

    async def get_application(
        self, cohort_id: int, person_aad_id: str, role: str
    ) -> Application | None:
        """A person's application in one role of a cohort, confidential answers decrypted."""
        ...

    async def applications_of(self, person_aad_id: str) -> Sequence[Application]:
        """Every application of a person, newest cohort first."""
        ...

    async def save_application(self, application: Application) -> Application:
        """Insert (version 0) or update (version equal to the stored one) atomically.

        Returns the stored application with its new version; raises StaleApplication when
        the stored version differs (or, on insert, when the application already exists).
        """
        ...


class Messenger(Protocol):
    """Proactive delivery to a stored conversation."""

    async def send_card(self, record: ConversationRecord, card: dict[str, Any]) -> str | None:
        """Send an Adaptive Card; returns the activity id the channel gave it, if any."""
        ...
