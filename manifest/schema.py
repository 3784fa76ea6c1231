"""Validation of a built manifest against the schema bundled in npm @microsoft/app-manifest."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = PROJECT_ROOT / "node_modules" / "@microsoft" / "app-manifest" / "build" / "json-schemas"


class SchemaUnavailable(Exception):
    """The npm package with the official schema is not installed here."""


def schema_path(version: str, root: Path = SCHEMAS) -> Path:
    """Where the official schema of one manifest version lies."""
    return root / "teams" / f"v{version}" / "MicrosoftTeams.schema.json"


@cache
def _validator(path: Path) -> jsonschema.Draft4Validator:
    if not path.is_file():
        raise SchemaUnavailable(
            f"{path} is missing: run `npm ci` (it installs @microsoft/app-manifest)"
        )
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    # The schema's "uri" formats are not checked by default; the URLs are checked when filled.
    return jsonschema.Draft4Validator(schema)


def problems(manifest: Mapping[str, Any], root: Path = SCHEMAS) -> list[str]:
    """Every way the manifest breaks its schema, one readable line each (empty: valid)."""
    version = str(manifest.get("manifestVersion", ""))
    validator = _validator(schema_path(version, root))
    found = sorted(validator.iter_errors(manifest), key=lambda e: list(e.absolute_path))
    return [f"{_where(error.absolute_path)}: {error.message}" for error in found]


def _where(path: Any) -> str:
    parts = [f"[{p}]" if isinstance(p, int) else f".{p}" for p in path]
    return "manifest" + "".join(parts)
