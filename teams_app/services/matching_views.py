"""What the matching use cases return for the cards to show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from teams_app.domain.pairing import RequestStatus
from teams_app.domain.programme import Role


@dataclass(frozen=True)
class ProfileLine:
    """One answer of the public profile, in words."""

    label: str
    value: str
    question_id: str = ""


@dataclass(frozen=True)
class PublicProfile:
    """What the other person may see of someone: name, e-mail and their `pair` answers only."""

    key: str
    name: str
    email: str
    lines: tuple[ProfileLine, ...] = ()
    objective: str | None = None  # a mentee's objective in their own words


@dataclass(frozen=True)
class MentorOption:
    """One suggested mentor on a mentee's card."""

    profile: PublicProfile
    reasons: tuple[str, ...]
    available: bool = True  # False once the mentor's places are taken or they declined


@dataclass(frozen=True)
class RequestLine:
    """Where one of the mentee's requests stands."""

    mentor_name: str
    rank: int
    status: RequestStatus
    due_at: datetime | None = None
    answer: str = ""


@dataclass(frozen=True)
class SuggestionsView:
    """A mentee's suggested mentors, the choices to rank, and where their requests stand."""

    programme_name: str
    mentee_name: str
    options: tuple[MentorOption, ...]
    choices_allowed: int
    response_days: int
    version: int
    round: int = 1
    chosen: tuple[str, ...] = ()  # mentor keys, first choice first
    requests: tuple[RequestLine, ...] = ()
    paired_with: str | None = None
    error: str | None = None
    notice: str | None = None

    @property
    def open_for_choices(self) -> bool:
        """Whether the mentee can still rank choices on this card."""
        return not self.chosen and self.paired_with is None and bool(self.options)


@dataclass(frozen=True)
class MentorRequestView:
    """A request as the mentor sees it: the mentee's public profile and Accept / Decline."""

    programme_name: str
    request_id: int
    version: int
    mentee: PublicProfile
    reasons: tuple[str, ...]
    status: RequestStatus
    due_at: datetime
    message: str = ""
    notice: str | None = None


@dataclass(frozen=True)
class PairingView:
    """The card both people get once paired: who the other is and how to begin."""

    programme_name: str
    viewer_role: Role
    partner: PublicProfile
    checklist: tuple[str, ...]
    questions: tuple[str, ...]
    contact: str
    starts_on: str | None = None
    pairing_id: int | None = None  # for "Schedule a session"


@dataclass(frozen=True)
class MatchingNotice:
    """A short message about matching: no mentor found, request declined, and so on.

    `offer` names the next step the card offers: "find_mentor" (search again) or None.
    """

    title: str
    text: str
    offer: str | None = None


@dataclass(frozen=True)
class NoMentorLeftAlert:
    """To the administrators: every choice of a mentee's suggestion round is gone and the
    re-solve found no other mentor for them. `why` says what rules the others out."""

    mentee_name: str
    mentee_email: str
    round: int
    why: str


@dataclass(frozen=True)
class SearchFilter:
    """One filter of the mentor search, with the values mentors actually have."""

    key: str  # duty_station, gender, practice_area, unit
    label: str
    options: tuple[tuple[str, str], ...]  # (value, label)
    selected: str = ""


@dataclass(frozen=True)
class SearchResultsView:
    """The mentor search: filters, and the mentors with a free place who fit, best first."""

    programme_name: str
    filters: tuple[SearchFilter, ...]
    results: tuple[MentorOption, ...]
    total: int  # how many fit before the list was cut to one page
    pending_with: str | None = None  # the mentor a request is already waiting with
    paired_with: str | None = None
    notice: str | None = None


@dataclass(frozen=True)
class MentorProfileView:
    """One mentor's profile in the search, with the request and its editable message."""

    programme_name: str
    mentor: MentorOption
    message: str
    can_request: bool
    error: str | None = None
