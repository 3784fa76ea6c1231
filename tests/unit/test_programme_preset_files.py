"""Reading preset files: TOML mistakes and missing files become one-line `PresetError`s."""

from __future__ import annotations

from pathlib import Path

import pytest

from teams_app.domain.programme import PresetError
from teams_app.presets import PROGRAMMES_DIRECTORY, available_programmes, load_programme


@pytest.fixture
def programmes(tmp_path: Path) -> Path:
    """An empty `programmes/` folder, so errors name files the way the shipped ones are."""
    folder = tmp_path / "programmes"
    folder.mkdir()
    return folder


def refusal_of(name: str, directory: Path) -> str:
    """The one-line message loading `name` from `directory` fails with."""
    with pytest.raises(PresetError) as caught:
        load_programme(name, directory)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_toml_syntax_error_names_the_file_and_line(programmes: Path) -> None:
    (programmes / "broken.toml").write_text('[programme]\nid = "x"\nname "Broken"\n')
    assert refusal_of("broken", programmes) == (
        "programmes/broken.toml: line 3, column 6: not valid TOML: "
        "Expected '=' after a key in a key/value pair"
    )


def test_an_unclosed_string_at_the_end_of_the_file_is_located(programmes: Path) -> None:
    (programmes / "broken.toml").write_text('[programme]\nname = "Broken')
    message = refusal_of("broken", programmes)
    assert message.startswith("programmes/broken.toml: ")
    assert "not valid TOML" in message


def test_a_key_defined_twice_is_a_toml_error_with_its_line(programmes: Path) -> None:
    (programmes / "twice.toml").write_text("[sessions]\nplanned = 6\nplanned = 7\n")
    assert refusal_of("twice", programmes).startswith("programmes/twice.toml: line 3, column")


def test_a_file_that_is_not_utf8_is_refused_by_name(programmes: Path) -> None:
    (programmes / "latin.toml").write_bytes(b'[programme]\nname = "Programme \xe9t\xe9"\n')
    assert refusal_of("latin", programmes) == (
        "programmes/latin.toml: line 2: not UTF-8 text; save it as UTF-8"
    )


def test_an_unknown_programme_lists_the_available_ones() -> None:
    assert refusal_of("lottery", PROGRAMMES_DIRECTORY) == (
        "programmes/lottery.toml: no such programme preset; available: iom, jposc, together"
    )


def test_a_valid_toml_file_with_bad_values_is_refused_by_key(programmes: Path) -> None:
    shipped = (PROGRAMMES_DIRECTORY / "iom.toml").read_text()
    edited = shipped.replace("seniority_gap_years = 2 ", 'seniority_gap_years = "two" ')
    assert edited != shipped
    (programmes / "iom.toml").write_text(edited)
    assert refusal_of("iom", programmes) == (
        "programmes/iom.toml: matching.seniority_gap_years: "
        "must be a whole number from 0 to 40, got 'two'"
    )


def test_a_preset_can_be_loaded_by_path(tmp_path: Path) -> None:
    copy = tmp_path / "pilot.toml"
    copy.write_text((PROGRAMMES_DIRECTORY / "together.toml").read_text())
    assert load_programme(str(copy)).id == "together"


def test_available_programmes_ignores_other_files(programmes: Path) -> None:
    (programmes / "b.toml").write_text("")
    (programmes / "a.toml").write_text("")
    (programmes / "notes.md").write_text("")
    assert available_programmes(programmes) == ["a", "b"]


def test_a_missing_directory_has_no_programmes(tmp_path: Path) -> None:
    assert available_programmes(tmp_path / "nowhere") == []


def test_an_empty_file_is_refused_for_its_first_missing_key(programmes: Path) -> None:
    (programmes / "empty.toml").write_text("")
    assert refusal_of("empty", programmes).startswith("programmes/empty.toml: programme.")
