"""Loading a programme's session agendas from `programmes/agendas/<programme id>.toml`."""

from __future__ import annotations

import tomllib
from pathlib import Path

from teams_app.domain.agendas import Agendas, parse_agendas
from teams_app.domain.programme import PresetError, Programme
from teams_app.presets import PROGRAMMES_DIRECTORY

AGENDAS_FOLDER = "agendas"


def agendas_path(programme: Programme, directory: Path = PROGRAMMES_DIRECTORY) -> Path:
    """Where the agendas of `programme` are kept."""
    return directory / AGENDAS_FOLDER / f"{programme.id}.toml"


def load_agendas(programme: Programme, directory: Path = PROGRAMMES_DIRECTORY) -> Agendas:
    """The programme's agendas; without a file, every phase shows its preset's steps."""
    path = agendas_path(programme, directory)
    source = f"programmes/{AGENDAS_FOLDER}/{path.name}"
    if not path.is_file():
        return Agendas()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise PresetError(source, "", f"cannot be read: {error}") from error
    return parse_agendas(raw, source, programme)
