"""`python -m teams_app end-cohort --cohort ID --as ADMIN [--yes]`: the channel's `end cohort`
from a terminal. Without --yes it says what would happen and changes nothing."""

from __future__ import annotations

import argparse
import asyncio
import sys

from teams_app.config import ConfigError, Settings, load_settings
from teams_app.domain.programme import PresetError
from teams_app.logs import configure_logging
from teams_app.services.cohort_views import EndCohortView, EndStage

COMMAND = "end-cohort"


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `end-cohort` on the main parser's subcommands."""
    end = subparsers.add_parser(
        COMMAND,
        help="end the cohort: survey to its active pairs, personal data deleted after retention",
    )
    end.add_argument("--cohort", type=int, required=True, help="the cohort's id (see `status`)")
    end.add_argument("--as", dest="admin", required=True, help="your AAD object id")
    end.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")


def run(args: argparse.Namespace) -> int:
    """Print what would happen, or (--yes) end the cohort; 2 with one line when refused."""
    try:
        settings = load_settings()
        configure_logging(settings.log_level)
        lines = asyncio.run(_end(settings, args.cohort, args.admin, args.yes))
    except (ConfigError, PresetError, LookupError, PermissionError) as error:
        print(f"tandem: {error}", file=sys.stderr)
        return 2
    print("\n".join(lines), flush=True)
    return 0


async def _end(settings: Settings, cohort_id: int, admin: str, confirmed: bool) -> list[str]:
    from teams_app.bootstrap import build
    from teams_app.services.admin_access import Administrators
    from teams_app.services.cohort_ending import CohortEnding

    refused = PermissionError(f"{admin} is not a programme administrator (TANDEM_ADMINS)")
    tandem = await build(settings)
    try:
        clock = tandem.matching.clock
        admins = Administrators(settings.admins, tandem.store, clock)
        ending = CohortEnding(admins, tandem.store, clock, tandem.programme)
        view = await ending.ask(admin)
        if view is None:
            raise refused
        if view.cohort_id != cohort_id:
            raise LookupError(f"cohort {cohort_id} is not the current edition's: {view.cohort_id}")
        if confirmed and view.stage is EndStage.ASKING:
            view = await ending.confirm(admin, cohort_id)
            if view is None:
                raise refused
            if tandem.jobs is not None:
                await tandem.jobs.run_until_idle()  # the surveys leave now, in working hours
    finally:
        await tandem.store.close()
    return _told(view, tandem.programme.name)


def _told(view: EndCohortView, programme: str) -> list[str]:
    from teams_app.services.cohort_ending import day

    name = f"cohort {view.cohort_id} ({programme} {view.cohort_name})"
    if view.stage is EndStage.ASKING:
        return [
            f"Ending {name} would end {view.active_pairs} active pairs, send both people of each",
            "the end-of-programme survey now, and delete the cohort's personal data on "
            f"{day(view.erase_on)}.",
            "This cannot be undone. Run again with --yes to confirm.",
        ]
    already = view.stage is EndStage.ALREADY
    when = (
        f"deleted on {day(view.deleted_at)}"
        if view.deleted_at
        else f"to be deleted on {day(view.erase_on)}"
    )
    return [
        f"Ended {name}: survey to both people of {view.active_pairs} pair(s); personal data {when}."
        + (" It had ended already: nobody is sent anything twice." if already else "")
    ]
