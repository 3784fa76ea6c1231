"""The administrators' side of the tab API double: a synthetic cohort of N pairs (seeded, so
every run sees the same numbers), the dashboard computed from it, and each chart as CSV."""

from __future__ import annotations

import csv
import io
import random
from collections import Counter
from dataclasses import dataclass
from typing import Any

Json = dict[str, Any]

DUTY_STATIONS = [
    "Geneva", "New York", "Nairobi", "Bangkok", "Dakar", "Vienna", "Rome", "Amman", "Panama",
    "Copenhagen", "Addis Ababa", "Beirut", "Kabul", "Manila", "Brussels", "Istanbul", "Dhaka",
    "Bogotá", "Cairo", "Johannesburg", "Kinshasa", "Juba", "Tunis", "Lima", "Hanoi", "Kyiv",
]  # fmt: skip
GRADES = ["G5", "G6", "G7", "P1", "P2", "P3", "P4", "P5", "D1"]
LANGUAGES = ["English", "French", "Spanish", "Arabic", "Russian", "Chinese", "Portuguese"]
ENTITIES = ["IOM", "UNDP", "UNHCR", "UNICEF", "WFP", "OCHA", "UNFPA", "UN Women"]
RULES = [
    "no mentor shares a language",
    "every mentor of a higher grade is full",
    "all mentors with shared language are in the same unit",
]
NUDGE_KINDS = ["mentee_day_3", "mentor_day_7", "admins_day_14"]
FUNNEL = ["applied", "eligible", "suggested", "paired", "first_contact", "active", "completed"]
CHARTS = (
    "funnel", "pairs_by_duty_station", "pairs_by_grade", "pairs_by_language", "pairs_by_entity",
    "sessions_per_month", "first_contact_days", "nudges", "unmatched", "without_contact",
)  # fmt: skip


@dataclass(frozen=True)
class CohortPair:
    """One synthetic pair and what happened to it."""

    id: str
    mentee: str
    mentor: str
    duty_station: str
    grade: str
    language: str
    entity: str
    first_contact_days: int | None
    sessions: tuple[str, ...]  # months, YYYY-MM


def cohort(pairs: int, seed: int = 8) -> list[CohortPair]:
    """`pairs` pairs with skewed, realistic-looking spreads."""
    rng = random.Random(seed)
    months = [f"2026-{month:02d}" for month in range(1, 13)]
    made = []
    for number in range(1, pairs + 1):
        contact = None if rng.random() < 0.12 else int(rng.expovariate(1 / 5))
        held = () if contact is None else tuple(rng.choices(months, k=rng.randrange(0, 7)))
        made.append(
            CohortPair(
                id=f"cohort-pair-{number}",
                mentee=f"Mentee {number:04d}",
                mentor=f"Mentor {number:04d}",
                duty_station=rng.choices(DUTY_STATIONS, weights=range(len(DUTY_STATIONS), 0, -1))[
                    0
                ],
                grade=rng.choice(GRADES),
                language=rng.choices(LANGUAGES, weights=[8, 4, 3, 2, 1, 1, 1])[0],
                entity=rng.choice(ENTITIES),
                first_contact_days=contact,
                sessions=held,
            )
        )
    return made


def _counted(values: list[str], order: list[str] | None = None) -> list[Json]:
    counts = Counter(values)
    labels = order if order is not None else [label for label, _ in counts.most_common()]
    return [{"label": label, "count": counts[label]} for label in labels]


def _contact_bucket(days: int | None) -> str:
    if days is None:
        return "no contact yet"
    for limit, label in ((3, "0–3 days"), (7, "4–7 days"), (14, "8–14 days")):
        if days <= limit:
            return label
    return "15+ days"


def _funnel(pairs: list[CohortPair], unmatched: int) -> list[Json]:
    paired = len(pairs)
    contacted = [pair for pair in pairs if pair.first_contact_days is not None]
    active = [pair for pair in contacted if pair.sessions]
    applied = paired * 2 + unmatched + paired // 10
    counts = [
        applied,
        applied - paired // 10,
        paired + unmatched,
        paired,
        len(contacted),
        len(active),
        len([pair for pair in active if len(pair.sessions) >= 5]),
    ]
    return [{"stage": stage, "count": count} for stage, count in zip(FUNNEL, counts, strict=True)]


def _nudges(quiet: int) -> list[Json]:
    return [
        {"kind": kind, "outcome": outcome, "count": quiet // (index + 1) // (2 if failed else 1)}
        for index, kind in enumerate(NUDGE_KINDS)
        for outcome, failed in (("sent", False), ("failed", True))
    ]


def _queue() -> list[Json]:
    opened = ("2026-11-30T10:00:00+00:00", "2026-12-01T15:30:00+00:00")
    return [
        {"id": 1, "kind": "rematch", "pair": "Mentee 0003 / Mentor 0003",
         "opened_at": opened[0], "status": "open"},
        {"id": 2, "kind": "conflict", "pair": "Mentee 0011 / Mentor 0011",
         "opened_at": opened[1], "status": "open"},
    ]  # fmt: skip


def dashboard(pairs: list[CohortPair], unmatched: int) -> Json:
    """GET /api/v1/admin/dashboard computed from the cohort."""
    months = [month for pair in pairs for month in pair.sessions]
    buckets = ["0–3 days", "4–7 days", "8–14 days", "15+ days", "no contact yet"]
    quiet = [pair for pair in pairs if pair.first_contact_days is None]
    return {
        "funnel": _funnel(pairs, unmatched),
        "pairs_by": {
            "duty_station": _counted([pair.duty_station for pair in pairs]),
            "grade": _counted([pair.grade for pair in pairs], GRADES),
            "language": _counted([pair.language for pair in pairs]),
            "entity": _counted([pair.entity for pair in pairs]),
        },
        "sessions_per_month": [
            {"month": row["label"], "count": row["count"]}
            for row in _counted(months, sorted(set(months)))
        ],
        "first_contact_days": _counted(
            [_contact_bucket(pair.first_contact_days) for pair in pairs], buckets
        ),
        "nudges": _nudges(len(quiet)),
        "unmatched": [
            {"mentee": f"Waiting mentee {n + 1}", "rule": RULES[n % len(RULES)]}
            for n in range(unmatched)
        ],
        "queue": _queue(),
        "without_contact": [
            {"pairing_id": p.id, "mentee": p.mentee, "mentor": p.mentor, "days": 3 + i % 40}
            for i, p in enumerate(quiet)
        ],
    }


def chart_csv(board: Json, chart: str) -> str:
    """GET /api/v1/admin/charts/{chart}.csv: the rows behind one chart."""
    rows: list[list[Any]]
    if chart == "funnel":
        rows = [["stage", "count"]] + [[r["stage"], r["count"]] for r in board["funnel"]]
    elif chart.startswith("pairs_by_"):
        key = chart.removeprefix("pairs_by_")
        rows = [[key, "pairs"]] + [[r["label"], r["count"]] for r in board["pairs_by"][key]]
    elif chart == "sessions_per_month":
        rows = [["month", "sessions"]] + [[r["month"], r["count"]] for r in board[chart]]
    elif chart == "first_contact_days":
        rows = [["days", "pairs"]] + [[r["label"], r["count"]] for r in board[chart]]
    elif chart == "nudges":
        rows = [["kind", "outcome", "count"]]
        rows += [[r["kind"], r["outcome"], r["count"]] for r in board[chart]]
    elif chart == "unmatched":
        rows = [["mentee", "rule"]] + [[r["mentee"], r["rule"]] for r in board[chart]]
    else:
        rows = [["pairing_id", "mentee", "mentor", "days"]] + [
            [r["pairing_id"], r["mentee"], r["mentor"], r["days"]] for r in board[chart]
        ]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()
