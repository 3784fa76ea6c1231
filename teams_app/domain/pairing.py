"""Suggestions, mentor requests and pairings: the states a match goes through, and their rules."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from teams_app.domain.programme.registration import Role


class RequestStatus(StrEnum):
    """Where a mentee's request to one mentor stands."""

    PENDING = "pending"  # waiting for the mentor's answer
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"  # no answer before the deadline: counts as a decline
    FULL = "full"  # the mentor had no capacity left when the request came to be answered
    WITHDRAWN = "withdrawn"  # the mentee (or an administrator) took it back

    @property
    def closed(self) -> bool:
        """Whether the request can no longer change."""
        return self is not RequestStatus.PENDING

    @property
    def falls_through(self) -> bool:
        """Whether the mentee's next choice should be asked after this outcome."""
        return self in (RequestStatus.DECLINED, RequestStatus.EXPIRED, RequestStatus.FULL)


class PairingStatus(StrEnum):
    """Whether a pair is mentoring."""

    ACTIVE = "active"
    ENDED = "ended"


@dataclass(frozen=True)
class SuggestedMentor:
    """One mentor on a mentee's list, with the score and reasons shown to the mentee."""

    mentor: str
    score: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suggestions:
    """The mentors suggested to one mentee of a cohort, and the choices the mentee ranked.

    `round` counts re-solves: when every choice is used up, new suggestions replace the list
    and `round` grows. `version` guards every change (compare-and-set).
    """

    cohort_id: int
    mentee: str
    mentors: tuple[SuggestedMentor, ...]
    round: int = 1
    choices: tuple[str, ...] = ()
    published_at: datetime | None = None
    chosen_at: datetime | None = None
    card_activity_id: str | None = None  # the mentee's suggestions card, updated in place
    version: int = 0
    id: int | None = None

    def with_choices(self, choices: tuple[str, ...], at: datetime) -> Suggestions:
        """These suggestions with the mentee's ranked choices (validated by the caller)."""
        return replace(self, choices=choices, chosen_at=at)

    def suggested(self, mentor: str) -> SuggestedMentor | None:
        """The entry of `mentor` on this list, if suggested."""
        return next((s for s in self.mentors if s.mentor == mentor), None)


@dataclass(frozen=True)
class MentorRequest:
    """A mentee's request to one mentor, answered by Accept or Decline, or expiring."""

    cohort_id: int
    mentee: str
    mentor: str
    due_at: datetime
    created_at: datetime
    rank: int = 1  # 1 = the mentee's first choice
    round: int = 1
    message: str = ""  # the mentee's personal message (search mode)
    status: RequestStatus = RequestStatus.PENDING
    answer: str = ""  # the mentor's optional message when declining
    decided_at: datetime | None = None
    card_activity_id: str | None = None  # the mentor's request card, updated in place
    version: int = 0
    id: int | None = None

    def decided(self, status: RequestStatus, at: datetime, answer: str = "") -> MentorRequest:
        """This request closed with `status`; raises RequestClosed if it was already closed."""
        if self.status.closed:
            raise RequestClosed(self.status)
        if status is RequestStatus.PENDING:
            raise ValueError("a request cannot be decided as pending")
        return replace(self, status=status, decided_at=at, answer=answer)

    def overdue(self, now: datetime) -> bool:
        """Whether a pending request has passed its deadline."""
        return self.status is RequestStatus.PENDING and now >= self.due_at


@dataclass(frozen=True)
class Pairing:
    """A mentor and a mentee mentoring together in a cohort."""

    cohort_id: int
    mentee: str
    mentor: str
    started_at: datetime
    status: PairingStatus = PairingStatus.ACTIVE
    request_id: int | None = None
    ended_at: datetime | None = None
    end_reason: str = ""
    version: int = 0
    id: int | None = None

    def role_of(self, person: str) -> Role | None:
        """`person`'s role in the pair; None if they are not in it."""
        if person == self.mentee:
            return Role.MENTEE
        if person == self.mentor:
            return Role.MENTOR
        return None


class RequestClosed(Exception):
    """The request was already answered, expired or withdrawn."""

    def __init__(self, status: RequestStatus) -> None:
        super().__init__(f"the request is already {status.value}")
        self.status = status


class StaleRecord(Exception):
    """A suggestion list, request or pairing changed since it was read."""


class AcceptRefused(Exception):
    """An accept that would break a capacity rule; nothing was changed but the request."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "mentor_full" or "mentee_paired"
