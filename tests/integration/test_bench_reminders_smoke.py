"""The reminders benchmark still runs end to end (tiny sizes); its timings are not judged here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "reminders.py"


def test_tiny_reminders_benchmark_finds_every_due_job_and_loses_no_message() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--pairings", "500", "--messages", "20"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "every due job found: yes" in done.stdout  # counts only; timings are not judged
    assert "messages lost                  0" in done.stdout
