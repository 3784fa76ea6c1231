"""Shipped presets as raw mappings, and edits addressed by the dotted keys errors show."""

from __future__ import annotations

import re
import tomllib
from typing import Any

from teams_app.presets import PROGRAMMES_DIRECTORY

SHIPPED = ("iom", "jposc", "together")
_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def shipped_raw(name: str) -> dict[str, Any]:
    """A fresh, mutable copy of a shipped preset as `tomllib` parses it."""
    with (PROGRAMMES_DIRECTORY / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


def source_of(name: str) -> str:
    """The file name errors about a shipped preset should start with."""
    return f"programmes/{name}.toml"


def steps(dotted: str) -> list[str | int]:
    """`registration.windows[2].closes` -> ['registration', 'windows', 1, 'closes']."""
    # Indices in error messages count from 1, as an administrator counts tables in a file.
    return [key if key else int(index) - 1 for key, index in _PART.findall(dotted)]


def set_at(raw: dict[str, Any], dotted: str, value: object) -> dict[str, Any]:
    """Set the value at `dotted`, creating tables on the way; returns `raw` for chaining."""
    *parents, last = steps(dotted)
    node: Any = raw
    for step in parents:
        node = node.setdefault(step, {}) if isinstance(step, str) else node[step]
    node[last] = value
    return raw


def delete_at(raw: dict[str, Any], dotted: str) -> dict[str, Any]:
    """Remove the key or list item at `dotted`; returns `raw` for chaining."""
    *parents, last = steps(dotted)
    node: Any = raw
    for step in parents:
        node = node[step]
    del node[last]
    return raw
