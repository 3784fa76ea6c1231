"""Who may register in which role, and when: entity groups and registration windows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Role(StrEnum):
    """The two roles a person can apply for."""

    MENTOR = "mentor"
    MENTEE = "mentee"


class WindowStatus(StrEnum):
    """Where a day falls relative to a registration window."""

    BEFORE = "before"
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class EntityGroup:
    """Entities registering on the same dates, e.g. Secretariat departments.

    `default` makes the group hold every entity no group lists, such as the long tail of
    agencies, funds and programmes that no preset can enumerate.
    """

    id: str
    name: str
    entities: tuple[str, ...] = ()
    default: bool = False

    def includes(self, entity: str) -> bool:
        """Whether `entity` is listed in this group (case and spacing ignored)."""
        wanted = _normalised(entity)
        return any(_normalised(listed) == wanted for listed in self.entities)


@dataclass(frozen=True)
class RegistrationWindow:
    """Dates, both inclusive, on which one role of some entity groups may apply.

    An empty `entity_groups` means the window is for everyone in that role.
    """

    role: Role
    opens: date
    closes: date
    entity_groups: tuple[str, ...] = ()

    def status_on(self, day: date) -> WindowStatus:
        """Whether registration has not opened yet, is open, or has closed on `day`."""
        if day < self.opens:
            return WindowStatus.BEFORE
        if day > self.closes:
            return WindowStatus.CLOSED
        return WindowStatus.OPEN

    def covers(self, group_id: str | None) -> bool:
        """Whether people of entity group `group_id` (None: no group) apply in this window."""
        return not self.entity_groups or group_id in self.entity_groups


@dataclass(frozen=True)
class Registration:
    """How people sign up: windows per role and entity group, and who may hold both roles."""

    windows: tuple[RegistrationWindow, ...]
    entity_groups: tuple[EntityGroup, ...] = ()
    allow_both_roles: bool = False

    def group_of(self, entity: str | None) -> EntityGroup | None:
        """The group listing `entity`, else the default group, else None."""
        if entity is not None:
            for group in self.entity_groups:
                if group.includes(entity):
                    return group
        return next((group for group in self.entity_groups if group.default), None)

    def window_for(self, role: Role, entity: str | None) -> RegistrationWindow | None:
        """The window in which someone of `entity` applies as `role`; None if they cannot."""
        group = self.group_of(entity)
        if group is None and self.entity_groups:
            # The programme names who may join and this entity is not among them.
            return None
        group_id = group.id if group else None
        return next(
            (w for w in self.windows if w.role == role and w.covers(group_id)),
            None,
        )

    def first_opening(self) -> date:
        """The first day any registration window opens."""
        return min(window.opens for window in self.windows)

    def last_closing(self) -> date:
        """The last day any registration window is open."""
        return max(window.closes for window in self.windows)


def _normalised(entity: str) -> str:
    return " ".join(entity.casefold().split())
