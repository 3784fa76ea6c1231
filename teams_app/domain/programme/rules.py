"""The rules of a programme other than registration: sessions, eligibility, matching, reminders."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from datetime import timedelta
from enum import StrEnum

from teams_app.domain.programme.registration import Role

DAYS_PER_MONTH = 30


class MatchingMode(StrEnum):
    """Who forms the pairs."""

    CHOICE = "choice"  # Tandem suggests mentors, the mentee ranks some, each mentor approves
    ADMIN = "admin"  # administrators run the matching and publish the pairs
    SEARCH = "search"  # the mentee searches mentors and requests one, who accepts or declines


class Objective(StrEnum):
    """What the matching optimises first."""

    PARTICIPATION_FIRST = "participation_first"  # pair as many mentees as possible
    SCORE_FIRST = "score_first"  # best-fitting pairs, even if fewer mentees are paired


@dataclass(frozen=True)
class Cadence:
    """How often a pair meets: exactly one of the two fields is set."""

    sessions_per_month: int | None = None
    days_between_sessions: int | None = None

    def interval_days(self) -> int:
        """Days from one session to the next, for scheduling and reminders."""
        if self.days_between_sessions is not None:
            return self.days_between_sessions
        return max(1, DAYS_PER_MONTH // (self.sessions_per_month or 1))

    def sessions_in(self, months: int) -> int:
        """How many sessions this cadence gives over `months` months."""
        if self.sessions_per_month is not None:
            return self.sessions_per_month * months
        return max(1, math.floor(months * DAYS_PER_MONTH / self.interval_days()))


@dataclass(frozen=True)
class Phase:
    """A stage of the mentoring relationship, spanning sessions.

    Session 0 is the pre-work before the first meeting; `last_session` None runs to the end;
    a `final` phase is the programme's last session, whatever its number.
    """

    id: str
    title: str
    first_session: int
    last_session: int | None = None
    final: bool = False
    steps: tuple[str, ...] = ()

    def spans(self, session: int, planned: int) -> bool:
        """Whether session number `session` of `planned` belongs to this phase."""
        if self.final:
            return session == planned
        last = planned if self.last_session is None else self.last_session
        return self.first_session <= session <= last


@dataclass(frozen=True)
class Sessions:
    """How long, how often and how many sessions a pair holds, and in which phases."""

    length_minutes: int
    cadence: Cadence
    planned: int
    notice_hours: int = 24
    phases: tuple[Phase, ...] = ()
    rhythm: str = ""  # how the programme words the rhythm of sessions, for the cards

    @property
    def length(self) -> timedelta:
        """How long one session lasts."""
        return timedelta(minutes=self.length_minutes)

    def phase_for(self, session: int) -> Phase | None:
        """The phase session number `session` is in; the later phase where two overlap."""
        final = next((p for p in self.phases if p.final and p.spans(session, self.planned)), None)
        if final is not None:
            return final
        spanning = [p for p in self.phases if not p.final and p.spans(session, self.planned)]
        return spanning[-1] if spanning else None


@dataclass(frozen=True)
class Eligibility:
    """Who may apply in each role. Empty grade or assignment lists mean "anyone"."""

    mentor_min_years_in_organisation: int = 0
    previous_mentee_editions_barred: int = 0
    invite_barred_mentees_to_mentor: bool = False
    mentor_must_be_former_jpo: bool = False
    mentee_assignment_types: tuple[str, ...] = ()
    grade_ladder: tuple[str, ...] = ()
    mentor_grades: tuple[str, ...] = ()
    mentee_grades: tuple[str, ...] = ()

    def grade_rank(self, grade: str) -> int | None:
        """Where `grade` sits on the ladder, lowest first, for sorting; None if not on it."""
        try:
            return self.grade_ladder.index(grade)
        except ValueError:
            return None

    def grade_allowed(self, role: Role, grade: str | None) -> bool:
        """Whether someone of `grade` may apply as `role`."""
        allowed = self.mentor_grades if role is Role.MENTOR else self.mentee_grades
        return not allowed or grade in allowed


@dataclass(frozen=True)
class ScoreWeights:
    """How much each part of a candidate pair's score counts; all are >= 0."""

    goals: float = 3.0
    topics: float = 2.0
    skills: float = 2.0
    language: float = 2.0
    working_hours_overlap: float = 1.0
    job_network: float = 1.0
    activities: float = 1.0
    diversity: float = 1.0

    def as_dict(self) -> dict[str, float]:
        """The weights by part name, in declaration order."""
        return {part.name: getattr(self, part.name) for part in fields(self)}

    def total(self) -> float:
        """The sum of all weights (always > 0 for a parsed preset)."""
        return sum(self.as_dict().values())


@dataclass(frozen=True)
class EntityExclusion:
    """Mentors of `mentor_entities` are never offered to mentees of `mentee_entities`."""

    mentee_entities: tuple[str, ...]
    mentor_entities: tuple[str, ...]

    def bars(self, mentee_entity: str | None, mentor_entity: str | None) -> bool:
        """Whether this exclusion forbids the pair; entities compare without case."""
        if mentee_entity is None or mentor_entity is None:
            return False
        mentees = {entity.casefold() for entity in self.mentee_entities}
        mentors = {entity.casefold() for entity in self.mentor_entities}
        return mentee_entity.casefold() in mentees and mentor_entity.casefold() in mentors


@dataclass(frozen=True)
class PairRules:
    """The hard rules every pair must meet besides the seniority gap; each can be turned off."""

    shared_language: bool = True  # the two share at least one language
    different_unit: bool = True  # not in the same unit: no supervisory line
    different_entity: bool = False  # not in the same entity
    entity_exclusions: tuple[EntityExclusion, ...] = ()


@dataclass(frozen=True)
class Matching:
    """How pairs are formed and what the matching may and must do."""

    mode: MatchingMode
    objective: Objective
    seniority_gap_years: int = 2
    suggestions: int = 5
    choices: int = 3
    mentor_response_days: int = 3
    max_mentor_capacity: int = 1
    max_active_mentors_per_mentee: int = 1
    search_filters: tuple[str, ...] = ()
    weights: ScoreWeights = ScoreWeights()
    rules: PairRules = PairRules()
    # The solver starts from each mentee's best mentors and each mentor's best mentees;
    # pricing then adds any pair the optimum needs, so these change speed, never the result.
    candidates_per_mentee: int = 24
    candidates_per_mentor: int = 16


@dataclass(frozen=True)
class Reminders:
    """When Tandem nudges people who have gone quiet, and reminds them of sessions."""

    mentee_nudge_days: int = 3
    mentor_ping_days: int = 7
    admin_alert_days: int = 14
    session_reminder_hours: int = 24
    # A pair with no session held or booked for this many days is nudged (the mentee first,
    # the mentor `cadence_mentor_days` later); re-armed after each session.
    cadence_nudge_days: int = 30
    cadence_mentor_days: int = 7
