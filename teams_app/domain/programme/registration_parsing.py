"""Reading the `[registration]` table: entity groups, windows and who may hold both roles."""

from __future__ import annotations

from datetime import date

from teams_app.domain.programme.errors import PresetError
from teams_app.domain.programme.reader import TableReader
from teams_app.domain.programme.registration import (
    EntityGroup,
    Registration,
    RegistrationWindow,
    Role,
)
from teams_app.domain.programme.rules_parsing import SLUG, SLUG_ALLOWED

REGISTRATION_KEYS = ("allow_both_roles", "entity_groups", "windows")
GROUP_KEYS = ("id", "name", "entities", "default")
WINDOW_KEYS = ("role", "opens", "closes", "entity_groups")


def parse_registration(table: TableReader, starts_on: date | None) -> Registration:
    """The `[registration]` table; windows must close before the mentoring starts."""
    groups = _parse_groups(table)
    windows: list[RegistrationWindow] = []
    for row in table.tables("windows", WINDOW_KEYS):
        window = _parse_window(row, groups, starts_on)
        _refuse_overlap(row, window, windows)
        windows.append(window)
    for role in Role:
        if not any(window.role is role for window in windows):
            table.fail(
                "windows",
                f"needs a [[{table.key_path('windows')}]] with role = {role.value!r}",
            )
    return Registration(tuple(windows), groups, table.flag("allow_both_roles", False))


def _parse_groups(table: TableReader) -> tuple[EntityGroup, ...]:
    groups: list[EntityGroup] = []
    for row in table.tables("entity_groups", GROUP_KEYS):
        group = EntityGroup(
            id=row.text("id", SLUG_ALLOWED, SLUG),
            name=row.text("name", "a name of 1 to 120 characters", max_length=120),
            entities=row.texts("entities"),
            default=row.flag("default", False),
        )
        if any(seen.id == group.id for seen in groups):
            row.fail("id", f"{group.id!r} is used by an earlier group; give each its own id")
        if group.default and any(seen.default for seen in groups):
            row.fail("default", "only one group can hold the entities no group lists")
        if not group.entities and not group.default:
            row.fail("entities", "must list at least one entity, unless default = true")
        for entity in group.entities:
            other = next((seen for seen in groups if seen.includes(entity)), None)
            if other is not None:
                row.fail("entities", f"{entity!r} is already in group {other.id!r}")
        groups.append(group)
    return tuple(groups)


def _parse_window(
    row: TableReader, groups: tuple[EntityGroup, ...], starts_on: date | None
) -> RegistrationWindow:
    role = Role(row.choice("role", [role.value for role in Role]))
    opens = row.day("opens")
    closes = row.day("closes")
    if closes < opens:
        row.fail("closes", f"must be on or after opens ({opens.isoformat()}), got {closes}")
    if starts_on is not None and closes >= starts_on:
        row.fail(
            "closes",
            f"must be before programme.starts_on ({starts_on.isoformat()}), got {closes}",
        )
    group_ids = row.texts("entity_groups", options=[group.id for group in groups])
    return RegistrationWindow(role, opens, closes, group_ids)


def _refuse_overlap(
    row: TableReader, window: RegistrationWindow, earlier: list[RegistrationWindow]
) -> None:
    # Two windows for the same role and group would make `window_for` ambiguous.
    for index, seen in enumerate(earlier, start=1):
        if seen.role is not window.role:
            continue
        shared = (
            sorted(set(seen.entity_groups) & set(window.entity_groups))
            if seen.entity_groups and window.entity_groups
            else ["every entity"]
        )
        if shared:
            raise PresetError(
                row.source,
                row.key_path("entity_groups"),
                f"{window.role.value}s of {', '.join(shared)} already apply in "
                f"registration.windows[{index}]; give each group one window per role",
            )
