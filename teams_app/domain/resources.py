"""The reading material of the "My mentoring" tab: sections of a programme's guides."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from teams_app.domain.programme import PresetError


@dataclass(frozen=True)
class ResourceSection:
    """One section: a title, an introduction and its items."""

    id: str
    title: str
    intro: str
    items: tuple[str, ...]


def parse_resources(raw: dict[str, Any], source: str) -> tuple[ResourceSection, ...]:
    """The sections of a resources file; PresetError naming the first problem."""
    sections = raw.get("sections", [])
    if not isinstance(sections, list):
        raise PresetError(source, "sections", "must be a list of [[sections]] tables")
    parsed = []
    for position, entry in enumerate(sections, start=1):
        where = f"sections[{position}]"
        if not isinstance(entry, dict):
            raise PresetError(source, where, "must be a table")
        texts = {name: entry.get(name) for name in ("id", "title", "intro")}
        for name, value in texts.items():
            if not isinstance(value, str) or not value.strip():
                raise PresetError(source, f"{where}.{name}", "must be non-empty text")
        items = entry.get("items")
        if not isinstance(items, list) or not items or not all(isinstance(i, str) for i in items):
            raise PresetError(source, f"{where}.items", "must be a non-empty list of text")
        parsed.append(
            ResourceSection(
                str(texts["id"]), str(texts["title"]), str(texts["intro"]), tuple(items)
            )
        )
    return tuple(parsed)
