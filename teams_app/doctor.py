"""`python -m teams_app doctor`: what is wrong with this installation, and how to fix it.

It reads and probes, never changes anything: no migration, no Graph write, no message.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from teams_app.config import ConfigError, GraphAuth, Settings, load_settings

if TYPE_CHECKING:  # msgraph is slow to import: only `doctor` itself pays for it
    from graph.probes import ProbeResult

COMMAND = "doctor"


@dataclass(frozen=True)
class Finding:
    """One check's outcome: `fix` is empty when all is well."""

    area: str
    message: str
    fix: str = ""

    @property
    def ok(self) -> bool:
        """Whether nothing needs doing."""
        return not self.fix

    def line(self) -> str:
        """The finding as one or two printed lines."""
        if self.ok:
            return f"ok       {self.area}: {self.message}"
        return f"PROBLEM  {self.area}: {self.message}\n         fix: {self.fix}"


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `doctor` on the main parser's subcommands."""
    doctor = subparsers.add_parser(
        COMMAND, help="check configuration, database, Graph permissions and manifest"
    )
    doctor.add_argument(
        "--user",
        default=None,
        help="a person (UPN or object id) to probe Graph with (default: the first admin)",
    )


async def examine(env: Mapping[str, str] | None, user: str | None) -> list[Finding]:
    """Every finding, in the order an administrator would fix them."""
    try:
        settings = load_settings(env, Path(".env"))
    except ConfigError as error:
        return [Finding("configuration", str(error), "set the variable as the message says")]
    findings = [Finding("configuration", _summary(settings))]
    findings.append(await _database(settings))
    findings.extend(await _graph(settings, user))
    findings.append(_manifest(settings))
    return findings


def _summary(settings: Settings) -> str:
    mode = "production" if settings.production else "dev" if settings.dev_mode else "server"
    return f"valid ({mode} mode, programme {settings.programme}, {settings.workers} worker(s))"


async def _database(settings: Settings) -> Finding:
    from teams_app.storage.schema_state import schema_state

    try:
        current, head = await schema_state(settings.effective_database_url)
    except Exception as error:
        return Finding(
            "database",
            f"cannot connect ({type(error).__name__})",
            "check TANDEM_DATABASE_URL, that the server runs and that the user may connect",
        )
    if current != head:
        return Finding(
            "database",
            f"schema at {current or 'nothing'}, newest is {head}",
            "run `python -m teams_app migrate` (Tandem also migrates when it starts)",
        )
    return Finding("database", f"connected, schema at the newest revision ({head})")


async def _graph(settings: Settings, user: str | None) -> list[Finding]:
    if settings.graph_auth is GraphAuth.NONE:
        if settings.dev_mode:
            return [Finding("graph", "off: sessions use the local dev calendar")]
        return [
            Finding(
                "graph",
                "TANDEM_GRAPH_AUTH is none: sessions cannot be booked in Outlook and Teams",
                "set TANDEM_GRAPH_AUTH to client_secret, certificate or managed_identity",
            )
        ]
    probe_user = user or (settings.admins[0] if settings.admins else None)
    if probe_user is None:
        return [Finding("graph", "no one to probe with", "pass --user UPN, or set TANDEM_ADMINS")]
    import httpx

    from graph.client import RetryPolicy, build_graph_client, graph_client_at
    from graph.probes import probe_permissions

    async with httpx.AsyncClient(timeout=20) as http:
        quick = RetryPolicy(max_retries=1, delay_seconds=0.5)
        client = build_graph_client(settings, http, quick)
        if client is None:  # anonymous: dev mode against a loopback Graph
            client = graph_client_at(settings.graph_base_url, http, retry=quick)
        results = await probe_permissions(client, probe_user)
    return [_permission_finding(result) for result in results]


def _permission_finding(result: ProbeResult) -> Finding:
    area = f"graph {result.permission}"
    if result.ok:
        return Finding(area, "granted")
    if result.problem == "missing or not consented":
        return Finding(
            area,
            f"missing or not consented; Tandem needs it to {result.reason}",
            "Entra admin center > App registrations > Tandem > API permissions > Add > "
            f"Microsoft Graph > Application permissions > {result.permission}, then "
            "'Grant admin consent'",
        )
    return Finding(area, f"could not be checked: {result.problem}", "check the Graph settings")


def _manifest(settings: Settings) -> Finding:
    from manifest.filling import ManifestError, ManifestValues, fill
    from manifest.schema import SchemaUnavailable, problems

    if not settings.public_url and settings.dev_mode:
        return Finding("manifest", "not checked in dev mode without TANDEM_PUBLIC_URL")
    try:
        found = problems(fill(ManifestValues(settings.app_id, settings.public_url)))
    except ManifestError as error:
        return Finding("manifest", str(error), "set it, then `python -m teams_app package`")
    except SchemaUnavailable as error:
        return Finding("manifest", f"filled; schema not checked: {error}")
    if found:
        return Finding("manifest", found[0], "correct manifest/template.json")
    return Finding("manifest", "valid on the official schema")


def run(args: argparse.Namespace) -> int:
    """Print every finding; 1 when something needs fixing, else 0."""
    import asyncio

    findings = asyncio.run(examine(None, args.user))
    for finding in findings:
        print(finding.line())
    broken = [finding for finding in findings if not finding.ok]
    print(f"{len(broken)} problem(s) found." if broken else "All checks passed.")
    return 1 if broken else 0
