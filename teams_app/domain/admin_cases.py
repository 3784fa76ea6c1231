"""Cases for the programme administrators: rematch requests and conflict-of-interest reports.

A case is opened by a member of a pair and decided once by an administrator. Every decision is
compare-and-set on the case's version, so a double or concurrent click changes state once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

MAX_NOTE = 1000
MAX_ADMIN_MESSAGE = 1000


class CaseKind(StrEnum):
    """What the participant asked the administrators for."""

    REMATCH = "rematch"
    CONFLICT = "conflict"


class CaseCategory(StrEnum):
    """Why a participant asks for a new match (IOM and Together: the reasons they name)."""

    AVAILABILITY = "availability"
    NO_RAPPORT = "no_rapport"
    CHANGE_OF_GOALS = "change_of_goals"
    CONFLICT_OF_INTEREST = "conflict_of_interest"
    INCLUSION_CONCERN = "inclusion_concern"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The category as people read it."""
        return _LABELS[self]


_LABELS = {
    CaseCategory.AVAILABILITY: "Availability",
    CaseCategory.NO_RAPPORT: "No rapport",
    CaseCategory.CHANGE_OF_GOALS: "Change of goals",
    CaseCategory.CONFLICT_OF_INTEREST: "Conflict of interest",
    CaseCategory.INCLUSION_CONCERN: "Inclusion concern",
    CaseCategory.OTHER: "Other",
}


class CaseStatus(StrEnum):
    """Where a case stands; open and more_info cases wait for an administrator."""

    OPEN = "open"
    MORE_INFO = "more_info"  # an administrator asked the requester for more information
    DECIDED = "decided"

    @property
    def waiting(self) -> bool:
        """Whether an administrator still has to decide."""
        return self is not CaseStatus.DECIDED


class Outcome(StrEnum):
    """How an administrator decided a case."""

    APPROVED = "approved"  # rematch: the mentee is asked to a new mentor
    DECLINED = "declined"  # rematch: the pair stays, the requester gets the admin's message
    ENDED = "ended"  # conflict: the pairing ends
    KEPT = "kept"  # conflict: the pairing goes on


OUTCOMES_OF = {
    CaseKind.REMATCH: frozenset({Outcome.APPROVED, Outcome.DECLINED}),
    CaseKind.CONFLICT: frozenset({Outcome.ENDED, Outcome.KEPT}),
}


@dataclass(frozen=True)
class Alternative:
    """A mentor the engine proposed for a rematch, with its reasons in words."""

    mentor: str
    reasons: tuple[str, ...] = ()


class CaseClosed(Exception):
    """The case was decided already; nothing changed."""


class CaseInputError(ValueError):
    """A participant's or administrator's input that cannot be used; the message says why."""


@dataclass(frozen=True)
class AdminCase:
    """One rematch request or conflict report about one pairing."""

    cohort_id: int
    kind: CaseKind
    pairing_id: int
    requester: str
    opened_at: datetime
    category: CaseCategory
    note: str = ""  # confidential: administrators only, never the partner
    status: CaseStatus = CaseStatus.OPEN
    alternatives: tuple[Alternative, ...] = ()  # proposed by the engine when the case opened
    outcome: Outcome | None = None
    new_mentor: str | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    admin_message: str = ""
    info_requests: int = 0
    channel_activity_id: str | None = None
    version: int = 0
    id: int | None = None

    def decided(
        self, outcome: Outcome, by: str, at: datetime, message: str = "", mentor: str | None = None
    ) -> AdminCase:
        """This case decided with `outcome`; CaseClosed if already decided."""
        if not self.status.waiting:
            raise CaseClosed(self.outcome)
        if outcome not in OUTCOMES_OF[self.kind]:
            raise CaseInputError(f"a {self.kind.value} case cannot be {outcome.value}")
        if outcome is Outcome.APPROVED and mentor not in {a.mentor for a in self.alternatives}:
            raise CaseInputError("choose one of the alternative mentors on the card")
        return replace(
            self,
            status=CaseStatus.DECIDED,
            outcome=outcome,
            new_mentor=mentor if outcome is Outcome.APPROVED else None,
            decided_by=by,
            decided_at=at,
            admin_message=clean_text(message, MAX_ADMIN_MESSAGE),
        )

    def asked_for_information(self) -> AdminCase:
        """This case waiting for the requester's answer; CaseClosed if already decided."""
        if not self.status.waiting:
            raise CaseClosed(self.outcome)
        return replace(self, status=CaseStatus.MORE_INFO, info_requests=self.info_requests + 1)


def clean_text(text: str, limit: int) -> str:
    """Typed text trimmed; longer than `limit` is refused rather than silently cut."""
    cleaned = text.strip()
    if len(cleaned) > limit:
        raise CaseInputError(f"Please keep it under {limit} characters (it has {len(cleaned)}).")
    return cleaned


def parse_category(value: object) -> CaseCategory:
    """The category picked on the form; a clear message for anything else."""
    try:
        return CaseCategory(str(value))
    except ValueError:
        raise CaseInputError("Choose why you are asking for a new match.") from None


@dataclass(frozen=True)
class AdminChannel:
    """The Teams channel where a programme's administrators work."""

    programme_id: str
    conversation_id: str
    team_id: str | None
    set_by: str
    set_at: datetime
