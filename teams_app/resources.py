"""Loading a programme's tab resources from `programmes/resources/<programme id>.toml`."""

from __future__ import annotations

import tomllib
from pathlib import Path

from teams_app.domain.programme import PresetError, Programme
from teams_app.domain.resources import ResourceSection, parse_resources
from teams_app.presets import PROGRAMMES_DIRECTORY

RESOURCES_FOLDER = "resources"


def load_resources(
    programme: Programme, directory: Path = PROGRAMMES_DIRECTORY
) -> tuple[ResourceSection, ...]:
    """The programme's resource sections; none without a file."""
    path = directory / RESOURCES_FOLDER / f"{programme.id}.toml"
    if not path.is_file():
        return ()
    source = f"programmes/{RESOURCES_FOLDER}/{path.name}"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise PresetError(source, "", f"cannot be read: {error}") from error
    return parse_resources(raw, source)
