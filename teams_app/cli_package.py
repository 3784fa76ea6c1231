"""`python -m teams_app package`: build the Teams app package (appPackage/tandem.zip)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from dotenv import dotenv_values

from manifest.filling import ManifestError, ManifestValues

COMMAND = "package"


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `package` on the main parser's subcommands."""
    package = subparsers.add_parser(
        COMMAND, help="build the Teams app package from TANDEM_APP_ID and TANDEM_PUBLIC_URL"
    )
    package.add_argument(
        "--out", type=Path, default=Path("appPackage") / "tandem.zip", help="the zip to write"
    )


def manifest_values(env: Mapping[str, str]) -> ManifestValues:
    """The manifest's inputs from the environment (only ids and addresses, never secrets)."""
    return ManifestValues(
        bot_id=env.get("TANDEM_APP_ID", ""),
        public_url=env.get("TANDEM_PUBLIC_URL", ""),
        app_version=env.get("TANDEM_APP_VERSION", "1.0.0"),
        teams_app_id=env.get("TANDEM_TEAMS_APP_ID", ""),
        developer_name=env.get("TANDEM_DEVELOPER_NAME", "Tandem"),
    )


def environment(dotenv: Path = Path(".env")) -> dict[str, str]:
    """The process environment over the values of `.env`, as the server reads them."""
    values = {k: v for k, v in dotenv_values(dotenv).items() if v is not None}
    return values | dict(os.environ) if dotenv.is_file() else dict(os.environ)


def run(args: argparse.Namespace) -> int:
    """Write the package and say where; 2 with one line when the manifest cannot be built."""
    from manifest.package import build_package
    from manifest.schema import SchemaUnavailable

    try:
        out = build_package(manifest_values(environment()), args.out)
    except (ManifestError, SchemaUnavailable) as error:
        print(f"tandem: {error}", file=sys.stderr)
        return 2
    print(f"Wrote {out}: upload it in Teams (Apps > Manage your apps > Upload an app).")
    return 0
