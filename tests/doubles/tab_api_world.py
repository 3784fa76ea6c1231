"""The in-memory world behind the tab API double: demo people, one pair, its sessions,
agreement and journals, following docs/tab-api.md. Mutations check versions as the server does."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web

from tests.doubles.loopback_server import DoubleError

Json = dict[str, Any]
OWNERS = ("mentee", "mentor", "both")
STATUSES = ("open", "in_progress", "done")


@dataclass
class Person:
    """One demo person as the double knows them."""

    id: str
    name: str
    email: str
    hint: str
    role: str | None
    stage: str
    next_step: str
    is_admin: bool = False
    duty_station: str = ""
    time_zone: str = "UTC"
    languages: tuple[str, ...] = ()
    profile: tuple[tuple[str, str], ...] = ()


# The signed-in person, set on each request by the double's token check.
PERSON_KEY = web.RequestKey("person", Person)


def demo_people() -> list[Person]:
    """A mentee and her mentor (paired), a mentee waiting, and an administrator."""
    return [
        Person(
            "amina",
            "Amina Diallo",
            "amina.diallo@example.org",
            "mentee, paired with Priya",
            "mentee",
            "paired",
            "Agree your first goals with Priya in the Mentorship Agreement.",
            duty_station="Dakar",
            time_zone="Africa/Dakar",
            languages=("French", "English"),
            profile=(("Grade", "P2"), ("Objective", "Move into programme management")),
        ),
        Person(
            "priya",
            "Priya Raman",
            "priya.raman@example.org",
            "mentor of Amina",
            "mentor",
            "paired",
            "Book your next session with Amina.",
            duty_station="Geneva",
            time_zone="Europe/Zurich",
            languages=("English", "Tamil"),
            profile=(("Grade", "P5"), ("Expertise", "Programme management, budgeting")),
        ),
        Person(
            "lucas",
            "Lucas Martin",
            "lucas.martin@example.org",
            "mentee, suggestions waiting",
            "mentee",
            "suggestions_waiting",
            "Rank up to three of your suggested mentors.",
        ),
        Person(
            "olivia",
            "Olivia Chen",
            "olivia.chen@example.org",
            "programme administrator",
            None,
            "not_registered",
            "Open the programme dashboard in the administrators' team.",
            is_admin=True,
        ),
    ]


RESOURCES: list[Json] = [
    {
        "id": "phases",
        "title": "The four phases",
        "intro": "Every mentorship goes through them.",
        "items": [
            "Expectations",
            "Action plan and the Mentorship Agreement",
            "Meeting consistently",
            "Reflection",
        ],
    },
    {
        "id": "first-meeting",
        "title": "Questions for the first meeting",
        "intro": "",
        "items": [
            "What do you hope to get out of this mentorship?",
            "How often and how shall we meet?",
        ],
    },
    {
        "id": "checklist",
        "title": "First-encounter checklist",
        "intro": "",
        "items": ["Agree on confidentiality", "Set the date of the next meeting"],
    },
]


def _bad(message: str, field_name: str) -> DoubleError:
    return DoubleError(400, {"error": message, "field": field_name})


def check_item_fields(body: Json, *, partial: bool) -> Json:
    """The item fields of a request body, each checked; 400 naming the first bad one."""
    fields: Json = {}
    for name, limit in (("goal", 300), ("action", 1000)):
        if name in body or not partial:
            value = body.get(name)
            if not isinstance(value, str) or not value.strip() or len(value) > limit:
                raise _bad(f"{name} must be text of 1 to {limit} characters", name)
            fields[name] = value.strip()
    for name, allowed in (("owner", OWNERS), ("status", STATUSES)):
        if name in body or not partial:
            if body.get(name) not in allowed:
                raise _bad(f"{name} must be one of {', '.join(allowed)}", name)
            fields[name] = body[name]
    if "due" in body or not partial:
        due = body.get("due")
        if due is not None:
            try:
                date.fromisoformat(str(due))
            except ValueError:
                raise _bad("due must be a date (YYYY-MM-DD) or null", "due") from None
        fields["due"] = due
    return fields


def check_version(stored: Json, version: object) -> None:
    """409 unless the caller edits the version that is stored."""
    if not isinstance(version, int) or isinstance(version, bool):
        raise _bad("version must be a number", "version")
    if version != stored["version"]:
        raise DoubleError(409, {"error": "this was changed meanwhile; reload and try again"})


@dataclass
class World:
    """Everything the double serves; tests read and change it directly."""

    people: dict[str, Person] = field(default_factory=dict)
    pairs: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (mentee, mentor)
    sessions: dict[str, list[Json]] = field(default_factory=dict)
    items: dict[str, list[Json]] = field(default_factory=dict)
    history: dict[str, list[Json]] = field(default_factory=dict)
    journals: dict[str, list[Json]] = field(default_factory=dict)
    reflection: Json | None = None  # None: the endpoint answers 404 (no pairing, no survey)
    reflection_answers: Json | None = None  # what the last accepted POST sent
    audit: list[Json] = field(default_factory=list)
    published: int = 0
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def new_id(self, prefix: str) -> str:
        """A fresh id such as "item-7"."""
        return f"{prefix}-{next(self._ids)}"

    def pair_of(self, person_id: str) -> tuple[str, str, str] | None:
        """(pair id, my role, partner id) of a paired person."""
        for pair_id, (mentee, mentor) in self.pairs.items():
            if person_id == mentee:
                return pair_id, "mentee", mentor
            if person_id == mentor:
                return pair_id, "mentor", mentee
        return None

    def pair_id_of(self, person_id: str) -> str:
        """The pair id, or 404 for someone without a pairing."""
        found = self.pair_of(person_id)
        if found is None:
            raise DoubleError(404, {"error": "you are not paired"})
        return found[0]

    def pairing(self, person_id: str, now: datetime) -> Json | None:
        """The pairing as GET /pairing shows it to this person."""
        found = self.pair_of(person_id)
        if found is None:
            return None
        pair_id, role, partner_id = found
        partner = self.people[partner_id]
        local = now.astimezone(ZoneInfo(partner.time_zone)).strftime("%H:%M")
        return {
            "id": pair_id,
            "started_at": "2026-10-05T09:00:00Z",
            "my_role": role,
            "partner": {
                "id": partner.id, "name": partner.name, "email": partner.email,
                "languages": list(partner.languages), "duty_station": partner.duty_station,
                "time_zone": partner.time_zone, "local_time": local,
                "profile": [{"label": k, "value": v} for k, v in partner.profile],
            },
        }  # fmt: skip

    def record(self, pair_id: str, by: str, item_id: str, change: str, now: datetime) -> None:
        """One line of the agreement's history."""
        entry = {"at": now.isoformat(), "by": self.people[by].name, "item_id": item_id}
        self.history[pair_id].append({**entry, "change": change})


def session(world: World, start: datetime, subject: str, status: str = "scheduled") -> Json:
    """A Session as docs/tab-api.md shapes it."""
    session_id = world.new_id("session")
    return {
        "id": session_id, "version": 1, "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=1)).isoformat(), "subject": subject,
        "join_url": f"https://teams.example.org/meet/{session_id}", "status": status,
    }  # fmt: skip


def demo_world(now: datetime | None = None) -> World:
    """Amina and Priya paired with one past and one upcoming session and one agreed goal."""
    now = now or datetime.now(UTC)
    world = World(people={person.id: person for person in demo_people()})
    world.pairs["pair-1"] = ("amina", "priya")
    day = now.replace(hour=9, minute=0, second=0, microsecond=0)
    world.sessions["pair-1"] = [
        session(world, day - timedelta(days=12), "First meeting: expectations", "held"),
        session(world, day + timedelta(days=3), "Action plan"),
    ]
    world.items["pair-1"] = [
        {"id": world.new_id("item"), "version": 1, "goal": "Lead a small project",
         "action": "Shadow Priya's budget review", "owner": "mentee",
         "due": (now + timedelta(days=30)).date().isoformat(), "status": "in_progress"},
    ]  # fmt: skip
    world.history["pair-1"] = []
    world.record("pair-1", "priya", world.items["pair-1"][0]["id"], "added", now)
    world.journals = {person_id: [] for person_id in world.people}
    return world
