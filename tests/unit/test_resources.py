"""Every programme's tab resources load, and a broken file is named with its key."""

from __future__ import annotations

import pytest

from teams_app.domain.programme import PresetError
from teams_app.domain.resources import parse_resources
from teams_app.presets import load_programme
from teams_app.resources import load_resources


@pytest.mark.parametrize("programme", ["together", "iom", "jposc"])
def test_every_programme_has_resources_with_items(programme: str) -> None:
    sections = load_resources(load_programme(programme))

    assert sections and all(section.items for section in sections)
    assert len({section.id for section in sections}) == len(sections)


def test_a_section_without_items_is_refused_with_its_place() -> None:
    raw = {"sections": [{"id": "x", "title": "X", "intro": "i", "items": []}]}

    with pytest.raises(PresetError, match=r"sections\[1\]\.items"):
        parse_resources(raw, "programmes/resources/x.toml")
