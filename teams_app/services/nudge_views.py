"""What the no-contact nudges say, as views the Notifier renders as cards."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MenteeReminderView:
    """To the mentee: your mentor is waiting to hear from you."""

    pairing_id: int
    mentor_name: str
    days: int


@dataclass(frozen=True)
class MentorPingView:
    """To the mentor: the mentee has not reached out; message them, schedule, or say you met.

    `mentee_email` builds the Teams deep link to a 1:1 chat
    (https://teams.microsoft.com/l/chat/0/0?users=<email>).
    """

    pairing_id: int
    mentee_name: str
    mentee_email: str
    days: int


@dataclass(frozen=True)
class AdminAlertView:
    """To the administrators: a pair has had no contact for `days` days."""

    pairing_id: int
    mentee_name: str
    mentor_name: str
    days: int


@dataclass(frozen=True)
class UnreachableView:
    """To the administrators: Teams refused a message to a person (403/404) and Tandem could
    not open another way to them (`tried_install`: whether it tried installing itself)."""

    person_name: str
    person_email: str
    status: int | None
    tried_install: bool
