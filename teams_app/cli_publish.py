"""`python -m teams_app publish`: send a cohort's matching out, as the programme pairs people."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import date

from teams_app.config import ConfigError, Settings, load_settings
from teams_app.domain.programme import PresetError
from teams_app.logs import configure_logging

COMMAND = "publish"


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `publish` on the main parser's subcommands."""
    publish = subparsers.add_parser(
        COMMAND,
        help="publish the matching: suggestions (choice), pairs (admin) or the open search",
    )
    publish.add_argument("--cohort", type=int, default=None, help="cohort id (default: current)")
    publish.add_argument(
        "--today",
        type=date.fromisoformat,
        default=None,
        help="act as if today were this day (YYYY-MM-DD), as `dev --today` does",
    )


def run(args: argparse.Namespace) -> int:
    """Publish and print what was sent; 2 with one line when the cohort cannot be published."""
    from teams_app.services.cohort_matching import NothingToMatch

    try:
        settings = load_settings()
        configure_logging(settings.log_level)
        lines = asyncio.run(_publish(settings, args.cohort, args.today))
    except (ConfigError, PresetError, NothingToMatch) as error:
        print(f"tandem: {error}", file=sys.stderr)
        return 2
    print("\n".join(lines), flush=True)
    return 0


async def _publish(settings: Settings, cohort_id: int | None, today: date | None) -> list[str]:
    from teams_app.bootstrap import build
    from teams_app.clock import ShiftedClock

    tandem = await build(settings, ShiftedClock(today) if today else None)
    try:
        cohort = await tandem.matching.find(cohort_id)
        report = await tandem.matching.publish(cohort)
    finally:
        await tandem.store.close()
    return [
        f"Published cohort {cohort.id} ({tandem.programme.name}, {report.mode.value} mode)",
        f"  suggestions sent   {report.suggestions_sent}",
        f"  pairs created      {report.pairs_created}",
        f"  without a mentor   {report.unmatched}",
        f"  already published  {report.already_published}",
        f"  not reachable      {report.unreachable} (Tandem not installed for them yet)",
    ]
