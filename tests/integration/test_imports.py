"""The two imports against a real SQLite store: what is written, what is not, and the report."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from teams_app.__main__ import main
from teams_app.bootstrap import open_store
from teams_app.cli_imports import progress_for
from teams_app.config import load_settings
from teams_app.domain.applications import Application, ApplicationStatus
from teams_app.domain.import_rows import application_columns
from teams_app.domain.import_staff import STAFF_COLUMNS, STAFF_OPTIONAL
from teams_app.domain.import_table import Table, read_table
from teams_app.domain.people import Person
from teams_app.domain.questionnaire import questionnaire_for
from teams_app.presets import load_programme
from teams_app.services.import_people import ImportReport
from teams_app.services.imports import ApplicationImport, import_staff
from teams_app.storage.sql_store import SqlStore

DATA = Path(__file__).resolve().parent.parent / "data"
TOGETHER = load_programme("together")
QUESTIONNAIRE = questionnaire_for(TOGETHER)
COLUMNS = application_columns(TOGETHER, QUESTIONNAIRE)
ZONES = {"Africa/Dakar", "Europe/Zurich", "Asia/Bangkok", "America/Santiago", "Asia/Beirut"}
ZONES |= {"Africa/Nairobi", "Europe/Vienna", "America/New_York", "Africa/Addis_Ababa"}
ZONES |= {"America/Panama", "Asia/Kabul", "Africa/Juba", "Europe/Berlin"}


class FixedClock:
    """1 October 2026: Together's registration has closed, as it often has by import time."""

    def now(self) -> datetime:
        return datetime(2026, 10, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SqlStore]:
    env = {"TANDEM_DEV_MODE": "true", "TANDEM_DATA_DIR": str(tmp_path)}
    opened = await open_store(load_settings(env, Path("/nonexistent")), FixedClock())
    yield opened
    await opened.close()


def snapshot(tmp_path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, to prove that nothing was written."""
    with sqlite3.connect(tmp_path / "tandem.db") as db:
        names = [n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        # Table names come from the database's own catalogue, not from input.
        return {
            n: sorted(map(tuple, db.execute(f'SELECT * FROM "{n}"')), key=repr)  # noqa: S608
            for n in names
        }


def staff_table(text: str | None = None) -> Table:
    data = text.encode() if text is not None else (DATA / "staff.csv").read_bytes()
    return read_table(data, STAFF_COLUMNS, STAFF_OPTIONAL)


def applications_table(name_or_text: str) -> Table:
    path = DATA / name_or_text
    data = path.read_bytes() if path.suffix == ".csv" else name_or_text.encode()
    return read_table(data, COLUMNS.required, COLUMNS.optional)


async def import_applications(
    store: SqlStore, source: str, *, dry_run: bool = False
) -> ImportReport:
    use_case = ApplicationImport(store, FixedClock(), TOGETHER, QUESTIONNAIRE)
    return await use_case.run(applications_table(source), dry_run=dry_run)


def counts(report: ImportReport) -> tuple[int, int, int, int]:
    return report.imported, report.updated, report.unchanged, len(report.rejected)


async def test_hr_staff_are_kept_under_an_email_placeholder_until_they_appear(
    store: SqlStore,
) -> None:
    report = await import_staff(store, FixedClock(), staff_table(), ZONES)
    assert counts(report) == (15, 0, 0, 0)
    assert report.notes and "gender ignored" in report.notes[0]
    amina = await store.get_person("hr:amina.diallo@un.org")
    assert amina is not None and (amina.grade, amina.time_zone) == ("P-4", "Africa/Dakar")
    assert amina.entry_date is not None and amina.entry_date.isoformat() == "2012-03-01"


async def test_a_staff_row_updates_the_person_known_by_their_entra_id(store: SqlStore) -> None:
    known = Person("0f8fad5b-d9cb-469f-a165-70867728950e", "Amina.Diallo@un.org", "Amina D.")
    await store.upsert_person(known)
    report = await import_staff(store, FixedClock(), staff_table(), ZONES)
    assert counts(report) == (14, 1, 0, 0)
    updated = await store.get_person(known.aad_object_id)
    assert updated is not None and (updated.name, updated.grade) == ("Amina Diallo", "P-4")
    assert await store.get_person("hr:amina.diallo@un.org") is None


async def test_importing_the_staff_file_again_changes_nothing(
    store: SqlStore, tmp_path: Path
) -> None:
    await import_staff(store, FixedClock(), staff_table(), ZONES)
    before = snapshot(tmp_path)
    report = await import_staff(store, FixedClock(), staff_table(), ZONES)
    assert counts(report) == (0, 0, 15, 0)
    assert snapshot(tmp_path) == before


async def test_staff_rows_with_duplicates_or_someone_elses_email_are_rejected(
    store: SqlStore,
) -> None:
    await store.upsert_person(Person("0f8fad5b-d9cb-469f-a165-70867728950e", "a@un.org", "A"))
    header = ",".join((*STAFF_COLUMNS, "aad_object_id"))
    other = "a@un.org,A,,,,,,,,11111111-2222-4333-8444-555555555555"
    text = f"{header}\nb@un.org,B,,,,,,,,\nB@UN.ORG,B again,,,,,,,,\n{other}\n"
    report = await import_staff(store, FixedClock(), staff_table(text), ZONES)
    assert [r.describe()[:40] for r in report.rejected] == [
        "line 3: duplicate: line 2 is about the s",
        "line 4: aad_object_id: this e-mail belon",
    ]


async def test_applications_are_stored_submitted_for_the_people_hr_sent(
    store: SqlStore,
) -> None:
    await import_staff(store, FixedClock(), staff_table(), ZONES)
    report = await import_applications(store, "applications.csv")
    assert counts(report) == (15, 0, 0, 0)
    assert len(await store.list_people()) == 15  # matched by e-mail, not duplicated
    cohort = await store.ensure_cohort("together", "2026")
    mei = await store.get_application(cohort.id, "hr:mei.chen@un.org", "mentee")
    assert mei is not None and mei.status is ApplicationStatus.SUBMITTED
    assert (mei.step, mei.version, mei.submitted_at) == ("summary", 1, FixedClock().now())
    assert mei.answers["languages"] == "en,zh" and mei.answers["role"] == "mentee"
    assert mei.answers["skills_to_develop"] == "writing,public_speaking,policy_advice"
    amina = await store.get_application(cohort.id, "hr:amina.diallo@un.org", "mentor")
    assert amina is not None and amina.answers["goals_supported"].count(",") == 2
    audit = await store.list_audit(limit=20)
    assert audit[0].action == "import.applications" and audit[0].detail["imported"] == "15"
    assert sum(entry.action == "application.imported" for entry in audit) == 15


async def test_an_application_goes_to_the_person_already_known_by_their_entra_id(
    store: SqlStore,
) -> None:
    known = Person("0f8fad5b-d9cb-469f-a165-70867728950e", "Mei.Chen@UN.org", "Mei Chen")
    await store.upsert_person(known)
    report = await import_applications(store, "applications.csv")
    assert counts(report) == (15, 0, 0, 0)
    cohort = await store.ensure_cohort("together", "2026")
    assert await store.get_application(cohort.id, known.aad_object_id, "mentee") is not None
    assert await store.get_person("hr:mei.chen@un.org") is None
    assert await store.get_person(known.aad_object_id) == known  # HR's data is not overwritten


async def test_an_applicant_hr_did_not_send_is_added_under_a_placeholder(
    store: SqlStore,
) -> None:
    report = await import_applications(store, "applications_with_errors.csv")
    assert counts(report) == (2, 0, 0, 9)
    kwame = await store.get_person("hr:kwame.asante@undp.org")
    assert kwame is not None and (kwame.name, kwame.grade) == ("Kwame Asante", None)


async def test_bad_rows_are_reported_with_their_line_numbers_and_reasons(
    store: SqlStore,
) -> None:
    report = await import_applications(store, "applications_with_errors.csv")
    said = {rejected.line: rejected.describe() for rejected in report.rejected}
    assert sorted(said) == [3, 4, 5, 6, 7, 8, 9, 10, 12]
    assert said[3].startswith('line 3: grade: "P6" is not one of the choices (choose from G-1')
    assert 'languages: "xx" is not one of the choices' in said[3]
    assert "entry_date: Enter your entry date as a date, for example 2019-03-01" in said[4]
    assert '(the file has "15/03/2019")' in said[4]
    assert said[5] == (
        "line 5: goals: Choose at most 3 goals; personal_objective: Enter your personal objective"
    )
    assert said[6].startswith("line 6: not eligible (mentor_seniority)")
    assert said[7].startswith("line 7: duplicate: line 2 is about the same e-mail and role")
    assert said[8].startswith("line 8: not eligible (one_role_only)")
    assert said[9] == 'line 9: role: "observer" is not mentor or mentee'
    assert said[10] == 'line 10: email: "not-an-email" is not an e-mail address; name: missing'
    assert said[12] == "line 12: the row has 4 cells but the header has 19 columns"


async def test_a_dry_run_reports_the_same_and_writes_nothing(
    store: SqlStore, tmp_path: Path
) -> None:
    before = snapshot(tmp_path)
    dry = await import_applications(store, "applications_with_errors.csv", dry_run=True)
    assert snapshot(tmp_path) == before  # not even the edition's cohort
    assert await store.find_cohort("together", "2026") is None
    real = await import_applications(store, "applications_with_errors.csv")
    assert (counts(dry), dry.rejected) == (counts(real), real.rejected)
    assert dry.dry_run and not real.dry_run


async def test_importing_the_same_applications_again_changes_nothing(
    store: SqlStore, tmp_path: Path
) -> None:
    await import_applications(store, "applications.csv")
    before = snapshot(tmp_path)
    report = await import_applications(store, "applications.csv")
    assert counts(report) == (0, 0, 15, 0)
    assert snapshot(tmp_path) == before  # no new version, no audit entry


async def test_rejected_rows_leave_the_database_exactly_as_it_was(
    store: SqlStore, tmp_path: Path
) -> None:
    await import_applications(store, "applications.csv")
    lines = (DATA / "applications.csv").read_text().splitlines()
    amina_as_mentee = lines[1].replace(",mentor,", ",mentee,")  # Together: one role each
    amina_bad_language = lines[1].replace(",en;fr,fr,", ",en;xx,fr,")
    before = snapshot(tmp_path)
    report = await import_applications(
        store, "\n".join((lines[0], amina_bad_language, amina_as_mentee))
    )
    assert counts(report) == (0, 0, 0, 2)
    assert snapshot(tmp_path) == before


async def test_a_changed_answer_updates_the_application_to_a_new_version(
    store: SqlStore,
) -> None:
    await import_applications(store, "applications.csv")
    lines = (DATA / "applications.csv").read_text().splitlines()
    changed = lines[1].replace("shadowing;situation_exercises", "shadowing")
    report = await import_applications(store, f"{lines[0]}\n{changed}")
    assert counts(report) == (0, 1, 0, 0)
    cohort = await store.ensure_cohort("together", "2026")
    amina = await store.get_application(cohort.id, "hr:amina.diallo@un.org", "mentor")
    assert amina is not None and (amina.version, amina.answers["activities"]) == (2, "shadowing")


async def test_a_draft_is_submitted_but_a_withdrawal_is_respected(store: SqlStore) -> None:
    cohort = await store.ensure_cohort("together", "2026")
    for email, name in (("mei.chen@un.org", "Mei Chen"), ("sofia.rossi@un.org", "Sofia Rossi")):
        await store.upsert_person(Person(f"hr:{email}", email, name))
    await store.save_application(Application(cohort.id, "hr:mei.chen@un.org", "mentee"))
    sofia = await store.save_application(Application(cohort.id, "hr:sofia.rossi@un.org", "mentee"))
    await store.save_application(replace(sofia, status=ApplicationStatus.WITHDRAWN))
    report = await import_applications(store, "applications.csv")
    assert counts(report) == (13, 1, 0, 1)
    assert (
        report.rejected[0]
        .describe()
        .startswith("line 8: role: this person withdrew their mentee application in Tandem")
    )


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The environment the CLI reads: dev mode and a private data directory."""
    monkeypatch.setenv("TANDEM_DEV_MODE", "true")
    monkeypatch.setenv("TANDEM_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("TANDEM_LOG_LEVEL", "WARNING")
    monkeypatch.chdir(tmp_path)  # no stray .env
    return tmp_path


def test_the_cli_imports_staff_then_applications_end_to_end(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import-staff", str(DATA / "staff.csv")]) == 0
    assert "  imported   15\n" in capsys.readouterr().out
    errors = str(DATA / "applications_with_errors.csv")
    assert main(["import-applications", errors, "--programme", "together", "--dry-run"]) == 1
    dry = capsys.readouterr().out
    assert dry.endswith("Dry run: nothing was written.\n")
    assert main(["import-applications", errors, "--programme", "together"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[:5] == [
        f"import-applications {errors}: Together: a UN Mentoring Programme, edition 2026",
        "  imported   2",
        "  updated    0",
        "  unchanged  0",
        "  rejected   9",
    ]
    assert '  line 3: grade: "P6" is not one of the choices' in out
    assert dry.replace("Dry run: nothing was written.\n", "") == out
    good = str(DATA / "applications.csv")
    assert main(["import-applications", good, "--programme", "together"]) == 0
    assert main(["import-applications", good, "--programme", "together"]) == 0
    assert "unchanged  15" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"email;name;grade\n", "the columns are separated by semicolons, not commas"),
        (b"email,name\n\xe9,x\n", "line 2 is not UTF-8 text"),
        (b"email,name\n" + b"x" * 10_485_760, "line 2 is 10,485,760 characters long"),
        (b"email,name,grade\na,b,c\n", "missing columns: entry_date, duty_station"),
    ],
)
def test_a_bad_file_gives_one_line_status_2_and_writes_nothing(
    cli_env: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = cli_env / "upload.csv"
    path.write_bytes(content)
    assert main(["import-staff", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"tandem: {path}: {message}")
    assert captured.err.count("\n") == 1
    assert not (cli_env / "tandem.db").exists()


def test_a_missing_file_or_programme_also_gives_status_2(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import-staff", str(cli_env / "nowhere.csv")]) == 2
    good = str(DATA / "applications.csv")
    assert main(["import-applications", good, "--programme", "atlantis"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].endswith("nowhere.csv: no such file")
    assert "no such programme preset" in err[1]


def test_the_progress_bar_shows_on_long_files_and_terminals_only() -> None:
    stream = io.StringIO()
    assert progress_for(200, stream) is None
    progress = progress_for(1000, stream)
    assert progress is not None
    for done in range(1, 1001):
        progress(done, 1000)
    drawn = stream.getvalue()
    assert drawn.endswith(f"\r[{'#' * 30}] 1000/1000\n")
    assert "\r[###############...............] 500/1000" in drawn
    assert drawn.count("\r") <= 31  # redrawn when the bar moves, not on every row
