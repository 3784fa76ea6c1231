"""What the administrators' channel shows of the cohort: matching summary, publishing, funnel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


@dataclass(frozen=True)
class MatchingSummaryView:
    """`run matching`: who applied, how many would be matched, how well, who would not and why."""

    programme_name: str
    mentees: int
    mentors: int
    matched: int
    certified: bool
    score_bands: tuple[tuple[str, int], ...]  # ("0.8–1.0", 12): pairs per score band
    unmatched: tuple[tuple[str, str], ...]  # (mentee's name, the rule that stood in the way)


@dataclass(frozen=True)
class PublishProgressView:
    """`publish`: the card that shows how far sending has come, then what was sent."""

    programme_name: str
    done: int
    total: int
    finished: bool = False
    lines: tuple[tuple[str, str], ...] = ()  # (what, how many) once finished
    problem: str | None = None


@dataclass(frozen=True)
class FunnelView:
    """`status`: the dashboard's funnel of mentees, and the mentors who applied."""

    programme_name: str
    cohort_status: str
    stages: tuple[tuple[str, int], ...]
    ending: str | None = None  # "Ended on …; personal data deleted on …" once ended


def funnel_stages(
    funnel: dict[str, int], mentors: int, planned: int
) -> tuple[tuple[str, int], ...]:
    """The dashboard's funnel (mentees at each stage) in words, then the mentors who applied."""
    return (
        ("Applied", funnel.get("applied", 0)),
        ("Submitted", funnel.get("eligible", 0)),
        ("Given mentors or a pair", funnel.get("suggested", 0)),
        ("Paired", funnel.get("paired", 0)),
        ("In touch", funnel.get("first_contact", 0)),
        ("Held a session", funnel.get("active", 0)),
        (f"Held all {planned} sessions", funnel.get("completed", 0)),
        ("Mentors who applied", mentors),
    )


@dataclass(frozen=True)
class CohortNotice:
    """A one-paragraph answer to a cohort command."""

    title: str
    text: str


@dataclass(frozen=True)
class ExportLinkView:
    """The export's download link, sent only to the administrator who asked."""

    programme_name: str
    url: str
    minutes: int
    pairs: int


class EndStage(StrEnum):
    """Where an `end cohort` card stands."""

    ASKING = "asking"  # the confirmation, with Confirm and Cancel
    ENDED = "ended"  # this press ended it
    ALREADY = "already"  # ended before (another press, or an earlier `end cohort`)
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class EndCohortView:
    """`end cohort`: what will happen (asking), then who ended it, when, and what followed."""

    programme_name: str
    cohort_id: int
    cohort_name: str
    stage: EndStage
    active_pairs: int  # asking: active now; afterwards: pairs sent the survey
    erase_on: datetime
    by_name: str | None = None
    at: datetime | None = None
    deleted_at: datetime | None = None
