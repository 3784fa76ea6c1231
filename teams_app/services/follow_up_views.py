"""What the follow-ups of a pair say, as views the Notifier renders as cards.

The session reminder is a session card (SessionCardView) with a reminder headline, so it
carries the times, the join link and the Reschedule and Cancel buttons of every session card.
"""

from __future__ import annotations

from dataclasses import dataclass

from teams_app.domain.programme import Role


@dataclass(frozen=True)
class CadenceNudgeView:
    """The pair has not held or booked a session for `days` days."""

    programme_name: str
    pairing_id: int
    partner_name: str
    role: Role
    days: int
    rhythm: str
    held: int
    planned: int


@dataclass(frozen=True)
class PhasePromptView:
    """A phase begins: the action plan after session 2, or reflection before the last one."""

    programme_name: str
    pairing_id: int
    partner_name: str
    role: Role
    reflection: bool  # False: the action plan (Mentorship Agreement) prompt
    phase_title: str
    items: tuple[str, ...]
