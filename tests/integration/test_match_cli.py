"""`python -m teams_app match` as administrators run it: a CSV file or a stored cohort."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.integration.cli import run_tandem as tandem

DATA = Path(__file__).parent.parent / "data"


def test_match_on_a_csv_prints_pairs_by_email_with_reasons_and_a_certificate() -> None:
    done = tandem(
        "match",
        "--programme",
        "together",
        "--applications",
        str(DATA / "applications.csv"),
        "--json",
    )
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert shown["matched"] == len(shown["pairs"]) > 0
    assert shown["objective"] == "participation_first"
    assert shown["certified_optimal"] is True
    pair = shown["pairs"][0]
    assert "@" in pair["mentee"] and "@" in pair["mentor"] and pair["reasons"]
    assert all(
        s[0] == p["mentor"] for p in shown["pairs"] for s in [shown["suggestions"][p["mentee"]]]
    )
    assert all(u["reason"] for u in shown["unmatched"])


def test_match_without_json_prints_a_readable_table() -> None:
    done = tandem(
        "match", "--programme", "together", "--applications", str(DATA / "applications.csv")
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].split()[:3] == ["mentee", "mentor", "score"]
    assert "certified optimal" in done.stdout


def test_rows_that_cannot_be_read_are_reported_and_skipped(tmp_path: Path) -> None:
    lines = (DATA / "applications.csv").read_text().splitlines()
    broken = lines[1].replace(",mentor,", ",nobody,", 1)
    path = tmp_path / "a.csv"
    path.write_text("\n".join([lines[0], broken, *lines[2:]]) + "\n")
    done = tandem("match", "--programme", "together", "--applications", str(path), "--json")
    assert done.returncode == 0
    assert "skipped line 2" in done.stderr


def test_duplicate_emails_refuse_the_file_with_one_line(tmp_path: Path) -> None:
    lines = (DATA / "applications.csv").read_text().splitlines()
    path = tmp_path / "a.csv"
    path.write_text("\n".join([*lines, lines[1]]) + "\n")
    done = tandem("match", "--programme", "together", "--applications", str(path))
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert "repeats the e-mail" in done.stderr and "Traceback" not in done.stderr


def test_a_file_without_mentors_or_without_anyone_is_refused(tmp_path: Path) -> None:
    lines = (DATA / "applications.csv").read_text().splitlines()
    path = tmp_path / "a.csv"
    path.write_text("\n".join([lines[0], *(x for x in lines[1:] if ",mentee," in x)]) + "\n")
    done = tandem("match", "--programme", "together", "--applications", str(path))
    assert done.returncode == 2 and "no mentors" in done.stderr
    path.write_text(lines[0] + "\n")
    done = tandem("match", "--programme", "together", "--applications", str(path))
    assert done.returncode == 2 and "no rows" in done.stderr


def test_match_on_a_stored_cohort_reads_submitted_applications(tmp_path: Path) -> None:
    env = {"TANDEM_DEV_MODE": "true", "TANDEM_DATA_DIR": str(tmp_path)}
    imported = tandem(
        "import-applications", str(DATA / "applications.csv"), "--programme", "together", env=env
    )
    assert imported.returncode in (0, 1), imported.stderr
    done = tandem("match", "--programme", "together", "--cohort", "1", "--json", env=env)
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert shown["matched"] > 0 and shown["certified_optimal"] is True
    assert "@" in shown["pairs"][0]["mentee"]


def test_match_on_a_stored_cohort_leaves_out_paired_mentees_and_declined_pairs(
    tmp_path: Path,
) -> None:
    import asyncio
    from datetime import UTC, datetime

    from teams_app.bootstrap import open_store
    from teams_app.config import load_settings
    from teams_app.domain.pairing import Pairing

    env = {"TANDEM_DEV_MODE": "true", "TANDEM_DATA_DIR": str(tmp_path)}
    tandem(
        "import-applications", str(DATA / "applications.csv"), "--programme", "together", env=env
    )
    before = json.loads(
        tandem("match", "--programme", "together", "--cohort", "1", "--json", env=env).stdout
    )
    first = before["pairs"][0]

    async def pair_first() -> None:
        store = await open_store(load_settings({**os.environ, **env}))
        try:
            people = {p.email: p.aad_object_id for p in await store.list_people()}
            at = datetime(2026, 10, 1, tzinfo=UTC)
            pairing = Pairing(1, people[first["mentee"]], people[first["mentor"]], at)
            await store.create_pairing(pairing, 1, 1)
        finally:
            await store.close()

    asyncio.run(pair_first())
    after = json.loads(
        tandem("match", "--programme", "together", "--cohort", "1", "--json", env=env).stdout
    )
    mentees = {p["mentee"] for p in after["pairs"]} | {u["mentee"] for u in after["unmatched"]}
    assert first["mentee"] not in mentees
    assert first["mentor"] not in {p["mentor"] for p in after["pairs"]}  # capacity 1, now taken
