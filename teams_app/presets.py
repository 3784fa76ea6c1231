"""Loading programme presets from TOML files into validated `Programme` values."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from teams_app.domain.programme import PresetError, Programme, parse_programme

PROGRAMMES_DIRECTORY = Path(__file__).resolve().parent.parent / "programmes"
_WHERE = re.compile(r"\s*\((at line (\d+), column (\d+)|at end of document)\)\s*$")


def available_programmes(directory: Path = PROGRAMMES_DIRECTORY) -> list[str]:
    """The names of the presets in `directory`, sorted: `together` for `together.toml`."""
    if not directory.is_dir():
        return []
    return sorted(path.stem for path in directory.glob("*.toml") if path.is_file())


def load_programme(name_or_path: str, directory: Path = PROGRAMMES_DIRECTORY) -> Programme:
    """Read and validate a preset given by name (`iom`) or by path (`./my.toml`)."""
    path = _resolve(name_or_path, directory)
    source = _shown_path(path, directory)
    if not path.is_file():
        known = ", ".join(available_programmes(directory)) or "none"
        raise PresetError(source, "", f"no such programme preset; available: {known}")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PresetError(source, "", f"cannot be read: {error.strerror or error}") from error
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise PresetError(source, f"line {line}", "not UTF-8 text; save it as UTF-8") from error
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        where, reason = _split_location(str(error))
        raise PresetError(source, where, f"not valid TOML: {reason}") from error
    return parse_programme(raw, source)


def _resolve(name_or_path: str, directory: Path) -> Path:
    # A bare name such as "iom" means a shipped preset; anything path-like is a path.
    if "/" in name_or_path or "\\" in name_or_path or name_or_path.endswith(".toml"):
        return Path(name_or_path)
    return directory / f"{name_or_path}.toml"


def _shown_path(path: Path, directory: Path) -> str:
    # Errors say "programmes/iom.toml", the way an administrator refers to the file.
    try:
        return path.resolve().relative_to(directory.resolve().parent).as_posix()
    except (ValueError, OSError):
        return str(path)


def _split_location(message: str) -> tuple[str, str]:
    """Turn tomllib's "reason (at line 3, column 5)" into ("line 3, column 5", "reason")."""
    match = _WHERE.search(message)
    if match is None:
        return "", message
    reason = message[: match.start()]
    if match.group(2) is None:
        return "end of file", reason
    return f"line {match.group(2)}, column {match.group(3)}", reason
