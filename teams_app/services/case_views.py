"""What the participants and the administrators' channel see of rematch and conflict cases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from teams_app.domain.admin_cases import CaseCategory, CaseKind, CaseStatus, Outcome


@dataclass(frozen=True)
class CaseFormView:
    """The participant's form: a category (rematch only) and an optional confidential note."""

    kind: CaseKind
    partners: tuple[tuple[int, str], ...]  # (pairing id, partner's name) of each active pairing
    categories: tuple[CaseCategory, ...]
    error: str | None = None
    pairing_id: int | None = None
    category: str | None = None
    note: str = ""


@dataclass(frozen=True)
class CaseNotice:
    """A short message to one participant (confirmation, outcome, neutral change notice)."""

    title: str
    text: str
    reply_case: int | None = None  # set when the participant may answer an admin's question
    reply_version: int | None = None


@dataclass(frozen=True)
class AlternativeView:
    """An alternative mentor proposed by the engine, with spare places and reasons."""

    mentor: str
    name: str
    spare: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class CaseCardView:
    """The channel card of one case: only what every member of the channel may see."""

    case_id: int
    version: int
    kind: CaseKind
    category: CaseCategory
    mentee_name: str
    mentor_name: str
    requester_name: str
    requester_role: str
    paired_at: datetime
    sessions_held: int
    opened_at: datetime
    note: str | None  # None: the channel is not private to administrators
    alternatives: tuple[AlternativeView, ...]
    status: CaseStatus
    outcome: Outcome | None = None
    decided_by_name: str | None = None
    decided_at: datetime | None = None
    new_mentor_name: str | None = None
    admin_message: str = ""
    reporter_email: str | None = None
    info_requests: int = 0
    notice: str | None = None  # one line for the administrator who just acted


@dataclass(frozen=True)
class AdminChannelSetView:
    """The answer to `set admin channel`."""

    programme_name: str
    commands: tuple[str, ...]
