"""The Teams app package: a manifest valid on Microsoft's schema, and icons Teams accepts."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from manifest.filling import MANIFEST_VERSION, TEMPLATE, ManifestError, ManifestValues, fill
from manifest.package import build_package
from manifest.schema import SCHEMAS, problems, schema_path
from tests.integration.cli import run_tandem

BOT = "11111111-2222-3333-4444-555555555555"
VALUES = ManifestValues(bot_id=BOT, public_url="https://tandem.example.org/")


@pytest.fixture
def package(tmp_path: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(build_package(VALUES, tmp_path / "tandem.zip"))


def test_the_schema_used_is_the_one_the_npm_package_ships() -> None:
    assert schema_path(MANIFEST_VERSION).is_file()
    newest = max(
        (p.name for p in (SCHEMAS / "teams").iterdir() if p.name[1:].replace(".", "").isdigit()),
        key=lambda name: tuple(int(part) for part in name[1:].split(".")),
    )
    assert newest == f"v{MANIFEST_VERSION}"


def test_the_built_manifest_validates_on_the_official_schema(package: zipfile.ZipFile) -> None:
    manifest = json.loads(package.read("manifest.json"))
    assert problems(manifest) == []
    assert sorted(package.namelist()) == ["color.png", "manifest.json", "outline.png"]


def test_the_manifest_is_filled_from_the_configuration(package: zipfile.ZipFile) -> None:
    manifest = json.loads(package.read("manifest.json"))
    assert manifest["id"] == BOT and manifest["bots"][0]["botId"] == BOT
    assert manifest["validDomains"] == ["tandem.example.org"]
    assert manifest["webApplicationInfo"] == {
        "id": BOT,
        "resource": f"api://tandem.example.org/{BOT}",
    }
    tab = manifest["staticTabs"][0]
    assert tab["name"] == "My mentoring"
    assert tab["contentUrl"] == "https://tandem.example.org/tab/my-mentoring"
    assert "${{" not in json.dumps(manifest)


def test_the_bot_lists_the_personal_and_the_administrators_commands(
    package: zipfile.ZipFile,
) -> None:
    lists = json.loads(package.read("manifest.json"))["bots"][0]["commandLists"]
    by_scope = {tuple(entry["scopes"]): [c["title"] for c in entry["commands"]] for entry in lists}
    personal = by_scope[("personal",)]
    for title in ("help", "sign up", "my registration", "schedule", "new match"):
        assert title in personal
    assert "report a conflict" in personal
    assert {"set admin channel", "run matching", "publish", "status", "export"} <= set(
        by_scope[("team",)]
    )


def test_the_colour_icon_is_192_square_and_opaque(package: zipfile.ZipFile) -> None:
    image = Image.open(io.BytesIO(package.read("color.png")))
    assert image.size == (192, 192)
    assert image.convert("RGBA").getextrema()[3] == (255, 255)


def test_the_outline_icon_is_32_square_white_on_transparent(package: zipfile.ZipFile) -> None:
    image = Image.open(io.BytesIO(package.read("outline.png"))).convert("RGBA")
    assert image.size == (32, 32)
    pixels = [image.getpixel((x, y)) for x in range(32) for y in range(32)]
    assert all(a == 0 or (r, g, b) == (255, 255, 255) for r, g, b, a in pixels)
    assert image.getpixel((0, 0))[3] == 0 and image.getpixel((31, 31))[3] == 0
    assert sum(1 for *_, a in pixels if a == 255) > 40  # the mark is really there


def test_a_broken_template_fails_with_the_schemas_message(tmp_path: Path) -> None:
    template = tmp_path / "template.json"
    broken = json.loads(TEMPLATE.read_text())
    broken["accentColor"] = "blue"
    del broken["developer"]
    template.write_text(json.dumps(broken))
    found = problems(fill(VALUES, template))
    assert any(line.startswith("manifest.accentColor: 'blue' does not match") for line in found)
    assert any("'developer' is a required property" in line for line in found)


def test_an_unknown_placeholder_or_a_bad_address_is_named(tmp_path: Path) -> None:
    template = tmp_path / "template.json"
    template.write_text('{"name": "${{NOPE}}"}')
    with pytest.raises(ManifestError, match=r"unknown placeholder.*NOPE"):
        fill(VALUES, template)
    with pytest.raises(ManifestError, match=r"TANDEM_PUBLIC_URL.*https://"):
        fill(ManifestValues(bot_id=BOT, public_url="http://tandem.example.org"))


def test_the_package_command_writes_the_zip_or_says_what_is_missing(tmp_path: Path) -> None:
    out = tmp_path / "app" / "tandem.zip"
    env = {"TANDEM_APP_ID": BOT, "TANDEM_PUBLIC_URL": "https://tandem.example.org"}
    done = run_tandem("package", "--out", str(out), env=env)
    assert done.returncode == 0, done.stderr
    assert problems(json.loads(zipfile.ZipFile(out).read("manifest.json"))) == []
    refused = run_tandem("package", "--out", str(out), env={"TANDEM_APP_ID": "not-a-guid"})
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        "tandem: TANDEM_APP_ID (the bot's Microsoft Entra app id) is 'not-a-guid': "
        "a Teams app package needs a GUID"
    ]
