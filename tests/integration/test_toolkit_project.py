"""m365agents.yml against the Microsoft 365 Agents Toolkit's own YAML schema (from the npm
package @microsoft/m365agentstoolkit-cli, fetched from the registry once and cached), and every
${{VARIABLE}} it uses defined by env/.env.dev or written by an earlier step."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import tarfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
TOOLKIT = "@microsoft/m365agentstoolkit-cli@1.1.17"
CACHE = ROOT / "node_modules" / ".cache" / "m365agentstoolkit-cli-1.1.17"
VARIABLE = re.compile(r"\$\{\{\s*([A-Z0-9_]+)\s*\}\}")


def toolkit_schema(version: str) -> dict[str, Any]:
    """The Toolkit's yaml.schema.json for `version`, from its npm package (cached)."""
    cached = CACHE / version / "yaml.schema.json"
    if not cached.is_file():
        packed = _npm_pack()
        with tarfile.open(fileobj=io.BytesIO(packed)) as archive:
            member = archive.extractfile(f"package/resource/yaml-schema/{version}/yaml.schema.json")
            assert member is not None, f"the Toolkit has no schema {version}"
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(member.read())
    return dict(json.loads(cached.read_text()))


def _npm_pack() -> bytes:
    destination = CACHE / "pack"
    destination.mkdir(parents=True, exist_ok=True)
    try:
        done = subprocess.run(
            ["npm", "pack", TOOLKIT, "--pack-destination", str(destination), "--silent"],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        _unavailable(f"npm pack {TOOLKIT} failed: {error}")
    if done.returncode != 0:
        _unavailable(f"npm pack {TOOLKIT} failed: {done.stderr.strip()[-300:]}")
    (packed,) = destination.glob("*.tgz")
    data = packed.read_bytes()
    packed.unlink()
    return data


def _unavailable(reason: str) -> None:
    if os.environ.get("TANDEM_REQUIRE_ALL") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def project() -> dict[str, Any]:
    return dict(yaml.safe_load((ROOT / "m365agents.yml").read_text()))


def test_the_project_file_follows_the_toolkits_schema(project: dict[str, Any]) -> None:
    schema = toolkit_schema(str(project["version"]))
    jsonschema.validate(project, schema, cls=jsonschema.Draft7Validator)


def test_a_broken_project_file_is_refused_by_that_schema(project: dict[str, Any]) -> None:
    schema = toolkit_schema(str(project["version"]))
    broken = dict(project, provision=[{"uses": "teamsApp/create", "with": 42}])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema, cls=jsonschema.Draft7Validator)


def test_every_variable_is_defined_or_written_before_it_is_used(project: dict[str, Any]) -> None:
    env = (ROOT / "env" / ".env.dev").read_text()
    known = set(re.findall(r"^([A-Z0-9_]+)=", env, flags=re.M))
    for step in project["provision"]:
        used = set(VARIABLE.findall(json.dumps(step.get("with", {}))))
        assert used <= known, f"{step['uses']} uses {sorted(used - known)} before they exist"
        known |= set((step.get("writeToEnvironmentFile") or {}).values())
