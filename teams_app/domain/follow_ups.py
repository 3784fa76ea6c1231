"""What a pair hears from Tandem once it meets: a reminder before each session, a nudge when
it falls behind its rhythm, the phase prompts and the end-of-programme survey.

Each is one durable job per recipient with a unique key; the times below are computed again
from the pair's sessions when the job falls due, so a moved, cancelled or newly booked
session changes what is sent without any job being rewritten.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum

from teams_app.domain.nudges import deliver_at
from teams_app.domain.pairing import Pairing, PairingStatus
from teams_app.domain.programme import Programme, Role, add_months
from teams_app.domain.retention import COHORT_ENDED
from teams_app.domain.sessions import Session, held_or_planned
from teams_app.domain.working_hours import WorkingHours

KIND = "follow-up"
# A session reminder waits for the recipient's working hours only if they open at least this
# long before the session: a reminder that arrives after the session has started is useless.
REMINDER_MIN_LEAD = timedelta(hours=2)
# The reflection prompt comes this long before the last planned session, or, when that
# session is not booked, this long before the pair's programme ends.
REFLECTION_LEAD = timedelta(days=3)
REFLECTION_BEFORE_END = timedelta(days=14)
# A prompt waiting for sessions that are not booked yet looks again this often.
RECHECK = timedelta(days=7)


class FollowUpKind(StrEnum):
    """What a follow-up job sends."""

    SESSION_REMINDER = "session-reminder"
    CADENCE = "cadence"
    ACTION_PLAN = "action-plan"
    REFLECTION = "reflection"
    END_SURVEY = "end-survey"


@dataclass(frozen=True)
class FollowUpKey:
    """The parts of a follow-up job's key: `follow-up:pairing:<id>:<kind>:<detail>:<role>`.

    `detail` is `<session id>@<start>` for a session reminder, the round for a cadence nudge
    and `1` otherwise.
    """

    pairing_id: int
    kind: FollowUpKind
    detail: str
    role: Role

    def __str__(self) -> str:
        return f"{KIND}:pairing:{self.pairing_id}:{self.kind.value}:{self.detail}:{self.role.value}"

    @property
    def subject(self) -> str:
        """The job's subject: the pairing, as for the no-contact nudges."""
        return f"pairing:{self.pairing_id}"


def parse_follow_up(key: str) -> FollowUpKey | None:
    """The parts of a follow-up key; None if it is not one."""
    parts = key.split(":")
    if len(parts) != 6 or parts[0] != KIND or parts[1] != "pairing" or not parts[2].isdigit():
        return None
    try:
        return FollowUpKey(int(parts[2]), FollowUpKind(parts[3]), parts[4], Role(parts[5]))
    except ValueError:
        return None


def reminder_detail(session: Session) -> str:
    """A session reminder's detail: the session and the start it reminds of.

    A moved session gets new jobs for its new start; the old ones find the start changed.
    """
    stamp = session.starts_at.astimezone(UTC).strftime("%Y%m%dT%H%MZ")
    return f"{session.id}@{stamp}"


def parse_reminder_detail(detail: str) -> tuple[int, datetime] | None:
    """The session id and start of a reminder's detail; None if malformed."""
    ident, _, stamp = detail.partition("@")
    if not ident.isdigit():
        return None
    try:
        start = datetime.strptime(stamp, "%Y%m%dT%H%MZ").replace(tzinfo=UTC)
    except ValueError:
        return None
    return int(ident), start


def reminder_due(session: Session, hours_before: int) -> datetime:
    """When the reminder of a session falls due."""
    return session.starts_at - timedelta(hours=hours_before)


def reminder_send_time(now: datetime, starts_at: datetime, hours: WorkingHours) -> datetime:
    """When a due session reminder goes: in working hours, unless that would make it late."""
    opens = deliver_at(now, hours)
    if opens <= now or opens + REMINDER_MIN_LEAD > starts_at:
        return now
    return opens


def pair_ends_at(programme: Programme, pairing: Pairing) -> datetime:
    """When a pair's programme ends: the edition's end, or (rolling) its own months later."""
    ends_on = programme.ends_on()
    if ends_on is None or ends_on <= pairing.started_at.date():
        ends_on = add_months(pairing.started_at.date(), programme.duration_months)
    return datetime.combine(ends_on, time(0), tzinfo=UTC)


def survey_open(programme: Programme, pairing: Pairing, now: datetime, sent: bool) -> bool:
    """Whether a person of `pairing` may answer the end-of-programme survey now.

    The rule of the END_SURVEY follow-up: it is sent once the pair's programme has ended
    while the pairing is still active (a pairing ended earlier cancels it). Once it was
    sent (`sent`), it stays open for them even if the pairing ends afterwards; `end cohort`
    ends the programme for everyone at once, so its pairings are open at once too.
    """
    if sent or pairing.end_reason == COHORT_ENDED:
        return True
    return pairing.status is PairingStatus.ACTIVE and now >= pair_ends_at(programme, pairing)


def rhythm_anchor(pairing: Pairing, sessions: Sequence[Session]) -> datetime:
    """Where the pair's rhythm counts from: its latest session held or booked, else pairing."""
    counted = held_or_planned(sessions)
    return counted[-1].starts_at if counted else pairing.started_at


def cadence_due(
    anchor: datetime, armed_at: datetime, role: Role, nudge_days: int, mentor_days: int
) -> datetime:
    """When a cadence nudge falls due: `nudge_days` after the pair's last session (or the
    nudge before it) for the mentee; `mentor_days` after the mentee's nudge for the mentor."""
    base = max(anchor, armed_at)
    return base + timedelta(days=nudge_days if role is Role.MENTEE else mentor_days)


def action_plan_due(sessions: Sequence[Session]) -> datetime | None:
    """The action-plan prompt follows the end of the pair's 2nd session; None before it."""
    counted = held_or_planned(sessions)
    return counted[1].ends_at if len(counted) >= 2 else None


def reflection_due(sessions: Sequence[Session], planned: int, ends_at: datetime) -> datetime:
    """The reflection prompt: before the last planned session, or before the programme ends."""
    counted = held_or_planned(sessions)
    if len(counted) >= planned:
        return min(counted[planned - 1].starts_at - REFLECTION_LEAD, ends_at)
    return ends_at - REFLECTION_BEFORE_END
