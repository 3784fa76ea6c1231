"""`python -m teams_app publish` from an administrator's terminal."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.integration.cli import run_tandem

DATA = Path(__file__).parent.parent / "data"


def tandem(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return run_tandem(*args, env={"TANDEM_DEV_MODE": "true", "TANDEM_DATA_DIR": str(data_dir)})


def test_publishing_an_empty_cohort_says_so_in_one_line(tmp_path: Path) -> None:
    done = tandem("publish", data_dir=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "tandem: cohort 1 has no submitted mentee applications"
    ]


def test_publishing_suggestions_counts_who_could_not_be_reached_and_never_sends_twice(
    tmp_path: Path,
) -> None:
    imported = tandem(
        "import-applications",
        str(DATA / "applications.csv"),
        "--programme",
        "together",
        data_dir=tmp_path,
    )
    assert imported.returncode in (0, 1), imported.stderr
    first = tandem("publish", data_dir=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "suggestions sent" in first.stdout
    # Nobody has opened Tandem in Teams yet: every suggestion is stored, none delivered.
    figures = {
        label: int(first.stdout.split(label)[1].split()[0])
        for label in ("suggestions sent", "without a mentor", "not reachable")
    }
    assert figures["suggestions sent"] > 0
    assert figures["not reachable"] == figures["suggestions sent"] + figures["without a mentor"]
    again = tandem("publish", data_dir=tmp_path)
    assert "suggestions sent   0" in again.stdout
    listed = figures["suggestions sent"] + figures["without a mentor"]
    assert f"already published  {listed}" in again.stdout
