"""The Teams app package: manifest.json and the two icons in one zip, ready to upload."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from manifest.filling import ManifestError, ManifestValues, fill
from manifest.icons import color_icon, outline_icon
from manifest.schema import problems

PACKAGE = Path("appPackage") / "tandem.zip"


def build_package(values: ManifestValues, out: Path = PACKAGE) -> Path:
    """Fill, validate and zip the app package; ManifestError names the first problem."""
    manifest = fill(values)
    found = problems(manifest)
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise ManifestError(f"the manifest breaks its schema: {found[0]}{more}")
    out.parent.mkdir(parents=True, exist_ok=True)
    fixed = (2026, 1, 1, 0, 0, 0)  # the same inputs give the same zip, byte for byte
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as package:
        for name, data in (
            ("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False).encode()),
            (manifest["icons"]["color"], color_icon()),
            (manifest["icons"]["outline"], outline_icon()),
        ):
            package.writestr(zipfile.ZipInfo(name, date_time=fixed), data)
    return out
