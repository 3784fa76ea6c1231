"""`python -m teams_app questionnaire`: JSON for tools, an outline for people, one line on error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from teams_app.__main__ import main
from teams_app.domain.questionnaire import questionnaire_for, to_json
from teams_app.presets import load_programme


@pytest.mark.parametrize("name", ["iom", "jposc", "together"])
def test_the_json_option_prints_the_presets_whole_definition(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["questionnaire", "--programme", name, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(json.dumps(to_json(questionnaire_for(load_programme(name)))))
    assert printed["programme_id"] == name


def test_without_json_it_prints_a_readable_outline_of_the_steps(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["questionnaire", "--programme", "jposc"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("JPOSC Career Mentoring Programme: sign-up questionnaire")
    assert "1. About you  [about_you]" in out
    assert "- former_jpo (single, required, pair visibility, mentors only)" in out
    assert "prefilled from HR entry_date" in out


def test_an_unknown_programme_gives_one_line_and_status_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["questionnaire", "--programme", "atlantis", "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "no such programme preset; available: iom, jposc, together" in captured.err


def test_a_broken_preset_file_is_reported_in_one_line_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "broken.toml").write_text("[programme\n", encoding="utf-8")
    status = main(["questionnaire", "--programme", "broken", "--programmes-dir", str(tmp_path)])
    assert status == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_the_questionnaire_command_needs_no_environment_settings(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A broken deployment configuration must not stop an administrator reviewing a preset.
    monkeypatch.setenv("TANDEM_PORT", "not a port")
    assert main(["questionnaire", "--programme", "together", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["programme_id"] == "together"
