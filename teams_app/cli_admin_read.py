"""`python -m teams_app show-application`: an administrator reads a registration, audited."""

from __future__ import annotations

import argparse
import asyncio
import sys

from teams_app.config import ConfigError, Settings, load_settings
from teams_app.domain.programme import PresetError, Role
from teams_app.logs import configure_logging

COMMAND = "show-application"


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `show-application` on the main parser's subcommands."""
    show = subparsers.add_parser(
        COMMAND,
        help="print one person's application, confidential answers included (audited)",
    )
    show.add_argument("email", help="the person's e-mail")
    show.add_argument("--role", choices=[r.value for r in Role], default=Role.MENTEE.value)
    show.add_argument("--as", dest="admin", required=True, help="your AAD object id (an admin)")
    show.add_argument("--reason", required=True, help="why you read it; kept in the audit log")


def run(args: argparse.Namespace) -> int:
    """Print the application; 2 with one line when the read is refused."""
    from teams_app.services.admin_reads import ReadRefused

    try:
        settings = load_settings()
        configure_logging(settings.log_level)
        text = asyncio.run(_read(settings, args))
    except (ConfigError, PresetError, ReadRefused) as error:
        print(f"tandem: {error}", file=sys.stderr)
        return 2
    print(text)
    return 0


async def _read(settings: Settings, args: argparse.Namespace) -> str:
    from teams_app.bootstrap import open_store
    from teams_app.clock import SystemClock
    from teams_app.domain.questionnaire import questionnaire_for
    from teams_app.presets import load_programme
    from teams_app.services.admin_access import Administrators
    from teams_app.services.admin_reads import AdminReads

    programme = load_programme(settings.programme, settings.programmes_dir)
    store = await open_store(settings)
    try:
        # No Teams roster from a terminal: the administrators are TANDEM_ADMINS here.
        clock = SystemClock()
        admins = Administrators(settings.admins, store, clock)
        reads = AdminReads(store, clock, programme, questionnaire_for(programme), admins)
        view = await reads.application(args.admin, args.email, Role(args.role), args.reason)
    finally:
        await store.close()
    lines = [
        f"{view.person.name} <{view.person.email}>: {args.role} application, "
        f"{view.application.status.value} (this read is recorded in the audit log)"
    ]
    for section in view.sections:
        lines.append(f"\n{section.step.title}")
        for line in section.lines:
            mark = " [confidential]" if line.confidential else ""
            lines.append(f"  {line.label}{mark}\n    {line.value}")
    return "\n".join(lines)
