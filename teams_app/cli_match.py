"""`python -m teams_app match`: run the matching on a CSV file or a stored cohort; writes nothing.

CSV mode reads the file `import-applications` takes, without the database: rows that cannot
be read are reported on stderr and left out (the matching still runs on the others), while
the same e-mail twice in one role refuses the whole file. People are shown by e-mail.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from teams_app.clock import SystemClock
from teams_app.config import ConfigError, load_settings
from teams_app.domain.applications import Application
from teams_app.domain.import_outcome import merged_answers
from teams_app.domain.import_rows import Applicant, ApplicationReader, application_columns
from teams_app.domain.import_table import MAX_FILE_BYTES, Rejected, UnreadableFile, read_table
from teams_app.domain.matching import MatchProfile, MatchResult, match_cohort, settings_for
from teams_app.domain.matching import profile_from_application as profile_of
from teams_app.domain.people import Person
from teams_app.domain.programme import PresetError, Programme
from teams_app.domain.questionnaire import Questionnaire, questionnaire_for
from teams_app.presets import PROGRAMMES_DIRECTORY, load_programme

COMMAND = "match"
# Cohorts with more mentees than this get a progress bar even when stderr is not a terminal.
_PROGRESS_MENTEES = 2000
_REASONS_SHOWN = 2


class BadInput(Exception):
    """The input cannot be matched; the message is the one line printed."""


@dataclass
class Cohort:
    """Mentees and mentors to match, and each person's e-mail by key, for the output."""

    mentees: list[MatchProfile] = field(default_factory=list)
    mentors: list[MatchProfile] = field(default_factory=list)
    emails: dict[str, str] = field(default_factory=dict)
    excluded: frozenset[tuple[str, str]] = frozenset()

    def add(self, profile: MatchProfile, role: str, email: str) -> None:
        """Count `profile` in as `role`, shown as `email`."""
        (self.mentees if role == "mentee" else self.mentors).append(profile)
        self.emails[profile.key] = email


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `match` on the main parser's subcommands."""
    match = subparsers.add_parser(
        COMMAND, help="compute the optimal pairs of a CSV file or a cohort; changes nothing"
    )
    source = match.add_mutually_exclusive_group(required=True)
    source.add_argument("--applications", type=Path, help="CSV as for import-applications")
    source.add_argument("--cohort", type=int, help="id of a stored cohort")
    match.add_argument("--programme", required=True, help="preset name (together) or path")
    match.add_argument("--programmes-dir", type=Path, default=PROGRAMMES_DIRECTORY)
    match.add_argument("--json", action="store_true", help="print JSON instead of a table")


def run(args: argparse.Namespace) -> int:
    """Match and print; 0 on success, 2 with one line on stderr when the input is unusable."""
    try:
        programme = load_programme(args.programme, args.programmes_dir)
        today = SystemClock().now().date()
        if args.applications is not None:
            cohort = _from_csv(args.applications, programme, today)
        else:
            cohort = asyncio.run(_from_store(args.cohort, programme, today))
        _check(cohort.mentees, cohort.mentors)
    except (BadInput, UnreadableFile, PresetError, ConfigError, FileNotFoundError) as error:
        print(f"tandem: {error}", file=sys.stderr)
        return 2
    progress = None
    if sys.stderr.isatty() or len(cohort.mentees) > _PROGRESS_MENTEES:
        from teams_app.cli_imports import TextProgress

        progress = TextProgress(sys.stderr).update
    settings = settings_for(programme)
    result = match_cohort(
        cohort.mentees,
        cohort.mentors,
        settings,
        excluded_pairs=cohort.excluded,
        progress=progress,
    )
    shown = _shown(result, cohort.emails)
    print(json.dumps(shown, indent=2, ensure_ascii=False) if args.json else _table(shown))
    return 0


def _from_csv(path: Path, programme: Programme, today: date) -> Cohort:
    if not path.is_file():
        raise BadInput(f"{path}: no such file")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise BadInput(f"{path}: larger than {MAX_FILE_BYTES // 1_048_576} MB")
    questionnaire = questionnaire_for(programme)
    columns = application_columns(programme, questionnaire)
    table = read_table(path.read_bytes(), columns.required, columns.optional)
    reader = ApplicationReader(programme, questionnaire)
    seen: dict[tuple[str, str], int] = {}
    cohort = Cohort()
    for row in table.rows:
        applicant = reader.read(row, today)
        if isinstance(applicant, Rejected):
            print(f"tandem: {path}: skipped {applicant.describe()}", file=sys.stderr)
            continue
        key = (applicant.email.lower(), applicant.role.value)
        if key in seen:
            raise BadInput(
                f"{path}: line {row.line} repeats the e-mail {applicant.email} of line "
                f"{seen[key]} as {applicant.role.value}; keep one row per person and role"
            )
        seen[key] = row.line
        _add(cohort, applicant, programme, questionnaire, today)
    return cohort


def _add(
    cohort: Cohort,
    applicant: Applicant,
    programme: Programme,
    questionnaire: Questionnaire,
    today: date,
) -> None:
    public, confidential = merged_answers(questionnaire, applicant, {}, {})
    key = applicant.email.lower()
    application = Application(
        0, key, applicant.role.value, answers=public, confidential=confidential
    )
    profile = profile_of(
        application, Person(key, applicant.email, applicant.name), programme, today
    )
    cohort.add(profile, applicant.role.value, applicant.email)


async def _from_store(cohort_id: int, programme: Programme, today: date) -> Cohort:
    """The cohort as the services see it: paired mentees out, mentors' places left, and the
    pairs that must not be suggested again (past pairings, declines)."""
    from teams_app.bootstrap import open_store
    from teams_app.services.matching_participants import load_participants

    store = await open_store(load_settings())
    try:
        stored = await store.get_cohort(cohort_id)
        if stored is None:
            raise BadInput(f"there is no cohort {cohort_id}")
        participants = await load_participants(store, programme, stored, today)
    finally:
        await store.close()
    cohort = Cohort(excluded=participants.excluded_pairs)
    for role, profiles in (("mentee", participants.mentees), ("mentor", participants.mentors)):
        for profile in profiles:
            person = participants.people.get(profile.key)
            cohort.add(profile, role, person.email if person else profile.key)
    return cohort


def _check(mentees: Sequence[MatchProfile], mentors: Sequence[MatchProfile]) -> None:
    if not mentees and not mentors:
        raise BadInput("the cohort is empty: no submitted applications to match")
    if not mentees:
        raise BadInput("the cohort has no mentees to match")
    if not mentors:
        raise BadInput("the cohort has no mentors to match with")


def _shown(result: MatchResult, emails: dict[str, str]) -> dict[str, object]:
    def who(key: str) -> str:
        return emails.get(key, key)

    return {
        "pairs": [
            {
                "mentee": who(p.mentee),
                "mentor": who(p.mentor),
                "score": p.score,
                "reasons": list(p.reasons),
            }
            for p in result.pairs
        ],
        "unmatched": [{"mentee": who(u.mentee), "reason": u.reason} for u in result.unmatched],
        "suggestions": {
            who(mentee): [who(option.mentor) for option in options]
            for mentee, options in result.suggestions.items()
        },
        "matched": result.matched,
        "objective": result.objective,
        "certified_optimal": result.certified_optimal,
        "total_score": result.total_score,
    }


def _table(shown: dict[str, object]) -> str:
    pairs = shown["pairs"]
    unmatched = shown["unmatched"]
    assert isinstance(pairs, list) and isinstance(unmatched, list)
    lines = [f"{'mentee':<32} {'mentor':<32} {'score':>6}  why"]
    for pair in pairs:
        why = "; ".join(pair["reasons"][:_REASONS_SHOWN])
        lines.append(f"{pair['mentee']:<32} {pair['mentor']:<32} {pair['score']:>6.2f}  {why}")
    if unmatched:
        lines.append("")
        lines.append("Not paired:")
        lines += [f"  {item['mentee']}: {item['reason']}" for item in unmatched]
    certified = "certified optimal" if shown["certified_optimal"] else "NOT certified optimal"
    lines.append("")
    lines.append(
        f"{shown['matched']} pairs, total score {shown['total_score']}, "
        f"objective {shown['objective']}, {certified}"
    )
    return "\n".join(lines)
