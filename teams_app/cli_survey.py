"""`python -m teams_app survey-results --as ADMIN`: the survey's aggregate, for administrators."""

from __future__ import annotations

import argparse
import asyncio
import sys

from teams_app.config import ConfigError, Settings, load_settings
from teams_app.domain.programme import PresetError
from teams_app.logs import configure_logging

COMMAND = "survey-results"


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `survey-results` on the main parser's subcommands."""
    results = subparsers.add_parser(
        COMMAND, help="print the end-of-programme survey's results, added up (administrators)"
    )
    results.add_argument("--as", dest="admin", required=True, help="your AAD object id (an admin)")


def run(args: argparse.Namespace) -> int:
    """Print the aggregate; 2 with one line when refused or when there is no survey."""
    try:
        settings = load_settings()
        configure_logging(settings.log_level)
        text, ok = asyncio.run(_results(settings, args.admin))
    except (ConfigError, PresetError) as error:
        print(f"tandem: {error}", file=sys.stderr)
        return 2
    print(text, file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 2


async def _results(settings: Settings, admin: str) -> tuple[str, bool]:
    from teams_app.bootstrap import open_store
    from teams_app.presets import load_programme
    from teams_app.services.surveys import Surveys, SurveySummaryView
    from teams_app.surveys import load_survey

    programme = load_programme(settings.programme, settings.programmes_dir)
    survey = load_survey(programme, settings.programmes_dir)
    if survey is None:
        return f"tandem: programme {programme.id} has no survey", False
    store = await open_store(settings)
    try:
        view = await Surveys(store, programme, survey, settings.admins).summary(admin)
    finally:
        await store.close()
    if not isinstance(view, SurveySummaryView):
        return f"tandem: {view.text}", False
    lines = [f"{view.programme_name}: survey {view.survey_id}, {view.responses} responses"]
    for summary in view.questions:
        lines.append(f"\n{summary.question.text}\n  answered: {summary.answered}")
        lines += [f"  {option}: {count}" for option, count in summary.counts]
        if summary.average is not None:
            lines.append(f"  average: {summary.average:.2f}")
    return "\n".join(lines), True
