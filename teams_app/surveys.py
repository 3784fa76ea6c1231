"""Loading a programme's end-of-programme survey from `programmes/surveys/<id>.toml`."""

from __future__ import annotations

import tomllib
from pathlib import Path

from teams_app.domain.programme import PresetError, Programme
from teams_app.domain.survey import Survey, parse_survey
from teams_app.presets import PROGRAMMES_DIRECTORY

SURVEYS_FOLDER = "surveys"


def load_survey(programme: Programme, directory: Path = PROGRAMMES_DIRECTORY) -> Survey | None:
    """The programme's survey; None when it has no file (then no survey is sent)."""
    path = directory / SURVEYS_FOLDER / f"{programme.id}.toml"
    source = f"programmes/{SURVEYS_FOLDER}/{path.name}"
    if not path.is_file():
        return None
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise PresetError(source, "", f"cannot be read: {error}") from error
    return parse_survey(raw, source)
