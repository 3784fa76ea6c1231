"""The Mentorship Agreement (seed 003, phase 2): a pair's goals and actions, with owners, due
dates and status, shared and edited by both; and a learning journal's private entries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

MAX_GOAL = 300
MAX_ACTION = 1000
MAX_JOURNAL = 10000


class Owner(StrEnum):
    """Who carries an action."""

    MENTEE = "mentee"
    MENTOR = "mentor"
    BOTH = "both"


class ItemStatus(StrEnum):
    """How far an action is."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"


@dataclass(frozen=True)
class AgreementItem:
    """One goal and action of a pair's agreement; `version` guards every change."""

    pairing_id: int
    goal: str
    action: str
    owner: Owner = Owner.BOTH
    due: date | None = None
    status: ItemStatus = ItemStatus.OPEN
    version: int = 0
    id: int | None = None


@dataclass(frozen=True)
class AgreementChange:
    """One line of the agreement's history: who changed which item, and how, in words."""

    at: datetime
    by: str
    item_id: int
    change: str


@dataclass(frozen=True)
class JournalEntry:
    """A private note of the learning journal, readable by its author only."""

    author: str
    text: str
    written_at: datetime
    version: int = 0
    id: int | None = None


class InvalidField(ValueError):
    """Bad input for one field; `str()` says what is allowed."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


ITEM_FIELDS = ("goal", "action", "owner", "due", "status")


def item_changes(raw: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    """The item fields of `raw`, checked; a new item needs a goal or an action."""
    changes: dict[str, Any] = {}
    for name in ("goal", "action"):
        if name in raw:
            changes[name] = _text(raw[name], name, MAX_GOAL if name == "goal" else MAX_ACTION)
    if "owner" in raw:
        changes["owner"] = _choice(raw["owner"], "owner", Owner)
    if "status" in raw:
        changes["status"] = _choice(raw["status"], "status", ItemStatus)
    if "due" in raw:
        changes["due"] = _due(raw["due"])
    if creating and not (changes.get("goal") or changes.get("action")):
        raise InvalidField("action", "write a goal or an action")
    return changes


def journal_text(raw: object) -> str:
    """A journal entry's text, checked."""
    text = _text(raw, "text", MAX_JOURNAL)
    if not text:
        raise InvalidField("text", "write something first")
    return text


def describe(before: AgreementItem | None, after: AgreementItem | None) -> str:
    """A change of an item in words, for the history."""
    if before is None and after is not None:
        return f"added “{after.action or after.goal}”"
    if after is None and before is not None:
        return f"removed “{before.action or before.goal}”"
    assert before is not None and after is not None
    parts = []
    for name in ITEM_FIELDS:
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            parts.append(f"{name}: {_shown(old)} → {_shown(new)}")
    return "; ".join(parts) or "no change"


def _shown(value: object) -> str:
    if value is None or value == "":
        return "—"
    return str(value.value if isinstance(value, StrEnum) else value)


def _text(raw: object, field: str, limit: int) -> str:
    if not isinstance(raw, str):
        raise InvalidField(field, f"{field} must be text")
    text = raw.strip()
    if len(text) > limit:
        raise InvalidField(field, f"{field} is longer than {limit} characters")
    return text


def _choice(raw: object, field: str, kind: type[StrEnum]) -> Any:
    allowed = [member.value for member in kind]
    if not isinstance(raw, str) or raw not in allowed:
        raise InvalidField(field, f"{field} must be one of {', '.join(allowed)}")
    return kind(raw)


def _due(raw: object) -> date | None:
    if raw is None or raw == "":
        return None
    try:
        if not isinstance(raw, str) or len(raw) != 10:
            raise ValueError(raw)
        return date.fromisoformat(raw)
    except ValueError:
        raise InvalidField("due", "due must be a date as YYYY-MM-DD, or null") from None
