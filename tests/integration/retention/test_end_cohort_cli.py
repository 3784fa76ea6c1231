"""`python -m teams_app end-cohort`: what would happen first, then (--yes) the end, once."""

from __future__ import annotations

from pathlib import Path

from tests.integration.cli import run_tandem


def test_end_cohort_from_the_terminal_asks_first_and_ends_once(tmp_path: Path) -> None:
    env = {
        "TANDEM_DEV_MODE": "true",
        "TANDEM_DATA_DIR": str(tmp_path),
        "TANDEM_ADMINS": "aad-sofia",
        "TANDEM_PROGRAMME": "iom",
    }
    refused = run_tandem("end-cohort", "--cohort", "1", "--as", "aad-priya", "--yes", env=env)
    asked = run_tandem("end-cohort", "--cohort", "1", "--as", "aad-sofia", env=env)
    wrong = run_tandem("end-cohort", "--cohort", "7", "--as", "aad-sofia", "--yes", env=env)
    ended = run_tandem("end-cohort", "--cohort", "1", "--as", "aad-sofia", "--yes", env=env)
    again = run_tandem("end-cohort", "--cohort", "1", "--as", "aad-sofia", "--yes", env=env)
    audit = run_tandem("audit", "--action", "cohort.", env=env)

    assert refused.returncode == 2 and "not a programme administrator" in refused.stderr
    assert asked.returncode == 0 and "Run again with --yes" in asked.stdout, asked.stderr
    assert wrong.returncode == 2 and "not the current edition's" in wrong.stderr
    assert ended.returncode == 0 and "Ended cohort 1" in ended.stdout, ended.stderr
    assert (
        "to be deleted on" in ended.stdout and "nobody is sent anything twice" not in ended.stdout
    )
    assert again.returncode == 0 and "nobody is sent anything twice" in again.stdout
    assert audit.stdout.count("cohort.ended") == 1, audit.stdout
