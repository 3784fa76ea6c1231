"""Session agendas as data: every phase of the shipped presets has one, and a bad file is
refused with the file and key named."""

from __future__ import annotations

from pathlib import Path

import pytest

from teams_app.agendas import load_agendas
from teams_app.domain.agendas import Agendas
from teams_app.domain.programme import PresetError
from teams_app.presets import load_programme

PROGRAMMES = ("together", "iom", "jposc")


@pytest.mark.parametrize("name", PROGRAMMES)
def test_every_phase_of_a_shipped_programme_has_an_agenda_from_its_content_file(name: str) -> None:
    programme = load_programme(name)
    agendas = load_agendas(programme)

    for phase in programme.sessions.phases:
        agenda = agendas.by_phase[phase.id]
        assert agenda.items and agenda.phase_title == phase.title
        assert all(section.items for section in agenda.sections)


def test_together_phases_follow_the_handbook_from_first_questions_to_reflection() -> None:
    programme = load_programme("together")
    agendas = load_agendas(programme)

    def agenda_of(number: int) -> str:
        found = agendas.for_phase(programme.sessions.phase_for(number))
        assert found is not None
        return repr(found)

    assert "Questions for the first meeting" in agenda_of(1)
    assert "Mentorship Agreement" in agenda_of(2)
    assert "Role play" in agenda_of(4)
    assert "survey" in agenda_of(8) and "Reflect" in agenda_of(8)


def copy_programmes(tmp_path: Path, agenda: str) -> Path:
    folder = tmp_path / "programmes"
    (folder / "agendas").mkdir(parents=True)
    source = Path(load_programme("iom").source)
    root = Path(__file__).resolve().parents[2]
    (folder / "iom.toml").write_text((root / source).read_text())
    (folder / "agendas" / "iom.toml").write_text(agenda)
    return folder


@pytest.mark.parametrize(
    ("agenda", "message"),
    [
        ('[[phases]]\nid = "nope"\nagenda = ["a"]\n', "'nope' is not a phase of iom"),
        ('[[phases]]\nid = "reflect"\nagenda = []\n', "phases[1].agenda: must list at least"),
        ('[[phases]]\nid = "reflect"\nagenda = ["a"]\ntopics = ["b"]\n', "unknown key"),
        (
            '[[phases]]\nid = "reflect"\nagenda = ["a"]\n[[phases]]\nid = "reflect"\n'
            'agenda = ["b"]\n',
            "has an agenda already",
        ),
        ('[[phases]]\nid = "reflect"\nagenda = ["a"\n', "cannot be read"),
    ],
)
def test_a_bad_agenda_file_names_the_file_and_the_key(
    tmp_path: Path, agenda: str, message: str
) -> None:
    folder = copy_programmes(tmp_path, agenda)
    programme = load_programme("iom", folder)

    with pytest.raises(PresetError) as refused:
        load_agendas(programme, folder)

    assert str(refused.value).startswith("programmes/agendas/iom.toml")
    assert message in str(refused.value)


def test_without_a_content_file_a_phase_shows_the_steps_of_its_preset(tmp_path: Path) -> None:
    programme = load_programme("iom")
    agendas = load_agendas(programme, tmp_path)

    assert agendas == Agendas()
    phase = programme.sessions.phase_for(1)
    fallback = agendas.for_phase(phase)
    assert phase is not None and fallback is not None
    assert fallback.items == phase.steps and fallback.sections == ()
