"""`python -m teams_app import-staff | import-applications`: administrators' CSV imports."""

from __future__ import annotations

import argparse
import asyncio
import sys
import zoneinfo
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TextIO

from teams_app.clock import SystemClock
from teams_app.config import ConfigError, Settings, load_settings
from teams_app.domain.import_rows import application_columns
from teams_app.domain.import_staff import STAFF_COLUMNS, STAFF_OPTIONAL
from teams_app.domain.import_table import MAX_FILE_BYTES, Table, UnreadableFile, read_table
from teams_app.domain.programme import PresetError
from teams_app.domain.questionnaire import questionnaire_for
from teams_app.logs import configure_logging
from teams_app.presets import PROGRAMMES_DIRECTORY, load_programme
from teams_app.services.import_people import ImportReport, Progress
from teams_app.services.imports import ApplicationImport, import_staff
from teams_app.services.ports import Store

COMMANDS = ("import-staff", "import-applications")
# Files longer than this get a progress bar even when stderr is not a terminal.
_PROGRESS_ROWS = 200
_BAR_WIDTH = 30

Job = Callable[[Store, Progress | None], Awaitable[ImportReport]]


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `import-staff` and `import-applications` on the main parser's subcommands."""
    staff = subparsers.add_parser(
        "import-staff", help="import HR staff data (CSV) that prefills sign-up answers"
    )
    staff.add_argument("file", type=Path, help="CSV with email, name, grade, entry_date, …")
    applications = subparsers.add_parser(
        "import-applications", help="import applications collected elsewhere (CSV) as submitted"
    )
    applications.add_argument("file", type=Path, help="CSV with email, name, role, languages, …")
    applications.add_argument("--programme", required=True, help="preset name (together) or path")
    applications.add_argument(
        "--programmes-dir",
        type=Path,
        default=PROGRAMMES_DIRECTORY,
        help="where preset names are looked up",
    )
    for parser in (staff, applications):
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and report; write nothing"
        )


def run(args: argparse.Namespace) -> int:
    """Import the file; 0 when every row was accepted, 1 when some were rejected, 2 on error."""
    from teams_app.storage.application_rows import NoEncryptionKey

    try:
        title, table, job = _prepare(args)
        settings = load_settings()
    except (UnreadableFile, PresetError, ConfigError) as error:
        print(f"tandem: {args.file}: {error}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level)
    progress = progress_for(len(table.rows), sys.stderr)
    try:
        report = asyncio.run(_run(settings, job, progress))
    except NoEncryptionKey as error:
        print(f"tandem: {error}", file=sys.stderr)
        return 2
    print(render(title, report, table.ignored_columns), flush=True)
    return 1 if report.rejected else 0


def _prepare(args: argparse.Namespace) -> tuple[str, Table, Job]:
    data = _read(args.file)
    clock = SystemClock()
    if args.command == "import-staff":
        table = read_table(data, STAFF_COLUMNS, STAFF_OPTIONAL)
        zones = zoneinfo.available_timezones()

        def staff(store: Store, progress: Progress | None) -> Awaitable[ImportReport]:
            return import_staff(store, clock, table, zones, dry_run=args.dry_run, progress=progress)

        return f"import-staff {args.file}", table, staff
    programme = load_programme(args.programme, args.programmes_dir)
    questionnaire = questionnaire_for(programme)
    columns = application_columns(programme, questionnaire)
    table = read_table(data, columns.required, columns.optional)

    def applications(store: Store, progress: Progress | None) -> Awaitable[ImportReport]:
        use_case = ApplicationImport(store, clock, programme, questionnaire)
        return use_case.run(table, dry_run=args.dry_run, progress=progress)

    title = f"import-applications {args.file}: {programme.name}, edition {programme.edition}"
    return title, table, applications


def _read(path: Path) -> bytes:
    try:
        if not path.is_file():
            raise UnreadableFile("no such file")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise UnreadableFile(f"the file is larger than {MAX_FILE_BYTES // 1_048_576} MB")
        return path.read_bytes()
    except OSError as error:
        raise UnreadableFile(f"cannot be read: {error.strerror or error}") from error


async def _run(settings: Settings, job: Job, progress: Progress | None) -> ImportReport:
    from teams_app.bootstrap import open_store

    store = await open_store(settings)
    try:
        return await job(store, progress)
    finally:
        await store.close()


def render(title: str, report: ImportReport, ignored: tuple[str, ...]) -> str:
    """The report printed at the end: counts, then each rejected line with its reasons."""
    lines = [title]
    counts = {
        "imported": report.imported,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "rejected": len(report.rejected),
    }
    width = len(str(max(counts.values())))
    lines += [f"  {name:<11}{count:>{width}}" for name, count in counts.items()]
    if report.rejected:
        lines.append("Rejected lines (nothing was written for them):")
        lines += [f"  {rejected.describe()}" for rejected in report.rejected]
    notes = list(report.notes)
    if ignored:
        notes.append(
            f"columns ignored (this programme asks no such question): {', '.join(ignored)}"
        )
    lines += [f"Note: {note}" for note in notes]
    if report.dry_run:
        lines.append("Dry run: nothing was written.")
    return "\n".join(lines)


def progress_for(total: int, stream: TextIO) -> Progress | None:
    if not (stream.isatty() or total > _PROGRESS_ROWS):
        return None
    return TextProgress(stream).update


class TextProgress:
    """`[#####.....] 512/1000` on one line of a stream, redrawn when it changes visibly."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._drawn = -1

    def update(self, done: int, total: int) -> None:
        """Redraw for `done` of `total` rows; ends the line when done."""
        filled = _BAR_WIDTH * done // max(total, 1)
        if filled == self._drawn and done != total:
            return
        self._drawn = filled
        bar = "#" * filled + "." * (_BAR_WIDTH - filled)
        end = "\n" if done >= total else ""
        self._stream.write(f"\r[{bar}] {done}/{total}{end}")
        self._stream.flush()
