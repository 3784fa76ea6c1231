"""The load benchmark still runs end to end (so it cannot rot unnoticed); its figures are not
judged here: timing belongs in the benchmark, not in tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bot_load.py"


def test_quick_load_benchmark_runs_both_bots_and_prints_the_ratio() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ratio Tandem / bare at 50 clients: throughput " in done.stdout
    assert "event-loop stalls over 100 ms" in done.stdout
    assert "targets" in done.stdout
