"""The ports the use cases need; adapters for them are wired in teams_app.bootstrap."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from teams_app.domain.applications import Application, ApplicationStatus, Cohort
from teams_app.domain.audit import AuditEntry
from teams_app.domain.conversations import ConversationRecord
from teams_app.domain.pairing import (
    MentorRequest,
    Pairing,
    PairingStatus,
    RequestStatus,
    Suggestions,
)
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

    async def list_applications(
        self,
        cohort_id: int,
        role: str | None = None,
        status: ApplicationStatus | None = ApplicationStatus.SUBMITTED,
    ) -> Sequence[Application]:
        """A cohort's applications (in one role, with one status; None = any), ordered by id.

        Confidential answers are decrypted, as get_application does.
        """
        ...

    async def count_applications(
        self,
        cohort_id: int,
        role: str | None = None,
        status: ApplicationStatus | None = ApplicationStatus.SUBMITTED,
    ) -> int:
        """How many applications list_applications would return, none of them read."""
        ...

    async def get_cohort(self, cohort_id: int) -> Cohort | None:
        """A cohort by id."""
        ...

    async def set_cohort_status(
        self, cohort_id: int, status: str, expected: str | None = None
    ) -> Cohort:
        """Move a cohort to `status` ("registration", "matching", "published").

        With `expected`, only from that status (compare-and-set); raises StaleRecord otherwise.
        """
        ...

    async def save_suggestions(self, s: Suggestions) -> Suggestions:
        """Insert (version 0) or update (version equal to the stored one) a mentee's list.

        Returns the stored copy (version + 1, id); raises StaleRecord when the stored version
        differs or, on insert, when the mentee already has suggestions in the cohort.
        `card_activity_id` is written on insert only; afterwards set_suggestions_card owns it.
        """
        ...

    async def get_suggestions(self, cohort_id: int, mentee: str) -> Suggestions | None:
        """The suggestions of one mentee in a cohort, if any."""
        ...

    async def list_suggestions(self, cohort_id: int) -> Sequence[Suggestions]:
        """Every mentee's suggestions in a cohort, ordered by id."""
        ...

    async def set_suggestions_card(self, cohort_id: int, mentee: str, activity_id: str) -> None:
        """Remember the mentee's suggestions card; the version does not change."""
        ...

    async def add_request(self, r: MentorRequest) -> MentorRequest:
        """Insert a pending request (version 1, id); StaleRecord if the mentee has one pending.

        The rule holds under races: a partial unique index enforces it.
        """
        ...

    async def get_request(self, request_id: int) -> MentorRequest | None:
        """A request by id."""
        ...

    async def list_requests(
        self,
        cohort_id: int,
        *,
        mentee: str | None = None,
        mentor: str | None = None,
        status: RequestStatus | None = None,
    ) -> Sequence[MentorRequest]:
        """A cohort's requests, narrowed to a mentee, a mentor and a status; ordered by id."""
        ...

    async def overdue_requests(self, now: datetime) -> Sequence[MentorRequest]:
        """Pending requests due at or before `now`, in any cohort, oldest deadline first."""
        ...

    async def close_request(self, r: MentorRequest) -> MentorRequest:
        """Store a decided request (from MentorRequest.decided) by compare-and-set.

        The stored request must still be pending at `r.version`, else StaleRecord.
        Returns the stored copy (version + 1).
        """
        ...

    async def set_request_card(self, request_id: int, activity_id: str) -> None:
        """Remember the mentor's request card; the version does not change."""
        ...

    async def accept_request(
        self,
        request_id: int,
        expected_version: int,
        at: datetime,
        mentor_capacity: int,
        max_mentors_per_mentee: int,
    ) -> tuple[MentorRequest, Pairing]:
        """Accept a pending request and start its pairing, in one transaction.

        StaleRecord when the request is not pending at `expected_version`. When the mentee
        already has `max_mentors_per_mentee` active mentors (or this one) the request is
        closed WITHDRAWN; when the mentor has `mentor_capacity` active mentees it is closed
        FULL; either way AcceptRefused is raised once that close is committed. Safe when
        several replicas accept at once.
        """
        ...

    async def create_pairing(
        self, p: Pairing, mentor_capacity: int, max_mentors_per_mentee: int
    ) -> Pairing:
        """Insert an active pairing within the same limits; AcceptRefused changes nothing."""
        ...

    async def pairings(
        self,
        cohort_id: int,
        *,
        person: str | None = None,
        status: PairingStatus | None = PairingStatus.ACTIVE,
    ) -> Sequence[Pairing]:
        """A cohort's pairings (of a person as mentee or mentor; status None = any), by id."""
        ...

    async def pairings_of(self, person: str) -> Sequence[Pairing]:
        """Every pairing of a person as mentee or mentor, in any cohort, newest first."""
        ...

    async def end_pairing(
        self, pairing_id: int, expected_version: int, at: datetime, reason: str
    ) -> Pairing:
        """End an active pairing read at `expected_version`; raises StaleRecord otherwise."""
        ...

    async def excluded_pairs(self, cohort_id: int) -> frozenset[tuple[str, str]]:
        """(mentee, mentor) pairs not to suggest again in a cohort.

        Any pairing ever (any cohort) between two people who applied to this cohort, and
        every declined or expired request of this cohort.
        """
        ...


class Messenger(Protocol):
    """Proactive delivery to a stored conversation."""

    async def send_card(self, record: ConversationRecord, card: dict[str, Any]) -> str | None:
        """Send an Adaptive Card; returns the activity id the channel gave it, if any."""
        ...


class Notifier(Protocol):
    """Delivery of a use case's view to one person's personal chat with Tandem.

    The adapter renders the view as a card; the services never see cards or conversations.
    """

    async def notify(self, person_aad_id: str, view: object) -> str | None:
        """Send `view` to the person; the sent card's activity id, None if unreachable."""
        ...

    async def refresh(self, person_aad_id: str, activity_id: str, view: object) -> None:
        """Replace an earlier card (by its activity id) with `view`, where Teams allows it."""
        ...

    async def deliver(self, person_aad_id: str, view: object) -> str | None:
        """As notify, for work that can be retried: raise NotDelivered on a passing failure."""
        ...
