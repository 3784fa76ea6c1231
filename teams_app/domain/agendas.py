"""What each session of a phase is about: the agenda content of a programme, as data.

The content lives in `programmes/agendas/<programme id>.toml` (taken from the programmes'
guides); `parse_agendas` checks it against the programme's phases.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from teams_app.domain.programme import Phase, Programme
from teams_app.domain.programme.reader import TableReader

PHASE_KEYS = ("id", "agenda", "sections")
SECTION_KEYS = ("title", "items")


@dataclass(frozen=True)
class AgendaSection:
    """A titled list on the agenda, such as the questions for the first meeting."""

    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Agenda:
    """The agenda of one phase's sessions."""

    phase_id: str
    phase_title: str
    items: tuple[str, ...]
    sections: tuple[AgendaSection, ...] = ()


@dataclass(frozen=True)
class Agendas:
    """A programme's agendas by phase id."""

    by_phase: Mapping[str, Agenda] = field(default_factory=dict)

    def for_phase(self, phase: Phase | None) -> Agenda | None:
        """The agenda of `phase`; the preset's own steps when no content file covers it."""
        if phase is None:
            return None
        found = self.by_phase.get(phase.id)
        if found is not None:
            return found
        return Agenda(phase.id, phase.title, phase.steps) if phase.steps else None


def parse_agendas(raw: Mapping[str, object], source: str, programme: Programme) -> Agendas:
    """Validate agenda content against the programme's phases; PresetError names the key.

    A phase without an agenda here shows the steps its preset lists.
    """
    top = TableReader(raw, "", source, ("phases",))
    phases = {phase.id: phase for phase in programme.sessions.phases}
    found: dict[str, Agenda] = {}
    for row in top.tables("phases", PHASE_KEYS):
        phase_id = row.text("id", "the id of a phase of the programme")
        if phase_id not in phases:
            known = ", ".join(repr(p) for p in phases) or "none"
            row.fail("id", f"{phase_id!r} is not a phase of {programme.id}; its phases: {known}")
        if phase_id in found:
            row.fail("id", f"{phase_id!r} has an agenda already; give each phase one")
        items = row.texts("agenda")
        if not items:
            row.fail("agenda", "must list at least one point")
        sections = tuple(
            AgendaSection(section.text("title", max_length=120), _items(section))
            for section in row.tables("sections", SECTION_KEYS)
        )
        found[phase_id] = Agenda(phase_id, phases[phase_id].title, items, sections)
    return Agendas(found)


def _items(section: TableReader) -> tuple[str, ...]:
    items = section.texts("items")
    if not items:
        section.fail("items", "must list at least one item")
    return items
